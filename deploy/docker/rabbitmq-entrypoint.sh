#!/bin/sh
# The compose broker: RabbitMQ as the image starts it, then one user per app with the least rights
# it needs (the regexps of libs/messaging/src/broker-permissions.ts; test/deploy keeps them equal).
# The image's default user (RABBITMQ_DEFAULT_USER) stays for operators and `npm run broker-users`.
set -eu

docker-entrypoint.sh rabbitmq-server &
server=$!
trap 'kill -TERM "$server"; wait "$server"' TERM INT

until rabbitmqctl -q await_startup >/dev/null 2>&1; do sleep 1; done

grant() {
  # The password on standard input: never in a process list.
  printf '%s\n' "$2" | rabbitmqctl -q add_user "$1" >/dev/null 2>&1 ||
    printf '%s\n' "$2" | rabbitmqctl -q change_password "$1" >/dev/null
  rabbitmqctl -q set_permissions -p / "$1" "$3" "$4" "$5"
}
grant portico-gateway "$GATEWAY_AMQP_PASSWORD" '^(billing\.events|billing\.unroutable|billing\.unroutable\.dead-letter|amq\.gen-.*)$' '^(billing\.events|billing\.unroutable|billing\.unroutable\.dead-letter|amq\.gen-.*|amq\.default)$' '^(billing\.events|billing\.unroutable|billing\.unroutable\.dead-letter|amq\.gen-.*|amq\.rabbitmq\.reply-to.*)$'
grant portico-customer-service "$CUSTOMER_SERVICE_AMQP_PASSWORD" '^(billing\.events|billing\.unroutable|billing\.unroutable\.dead-letter|customer-service\..*|amq\.gen-.*)$' '^(billing\.events|billing\.unroutable|billing\.unroutable\.dead-letter|customer-service\..*|amq\.gen-.*|amq\.default)$' '^(billing\.events|billing\.unroutable|billing\.unroutable\.dead-letter|customer-service\..*|amq\.gen-.*|amq\.rabbitmq\.reply-to.*)$'
grant portico-invoice-service "$INVOICE_SERVICE_AMQP_PASSWORD" '^(billing\.events|billing\.unroutable|billing\.unroutable\.dead-letter|invoice-service\..*|amq\.gen-.*)$' '^(billing\.events|billing\.unroutable|billing\.unroutable\.dead-letter|invoice-service\..*|amq\.gen-.*|amq\.default)$' '^(billing\.events|billing\.unroutable|billing\.unroutable\.dead-letter|invoice-service\..*|amq\.gen-.*|amq\.rabbitmq\.reply-to.*)$'

grant portico-console "$CONSOLE_AMQP_PASSWORD" '^(billing\.events|billing\.unroutable|billing\.unroutable\.dead-letter|amq\.gen-.*)$' '^(billing\.unroutable|billing\.unroutable\.dead-letter|amq\.gen-.*|amq\.default)$' '^(billing\.events|billing\.unroutable|billing\.unroutable\.dead-letter|amq\.gen-.*|amq\.rabbitmq\.reply-to.*)$'

touch /tmp/portico-users-ready
wait "$server"
