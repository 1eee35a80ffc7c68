import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Observable } from 'rxjs';
import { correlation } from './correlation';

/**
 * Runs a message handler inside its correlation id (the `x-correlation-id` header, or an
 * upstream event's own id), so what it logs, publishes and calls carries the id on. Global on
 * the messaging transport (registered by `useMessagingPipeline`).
 */
@Injectable()
export class CorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const id = (context.switchToRpc().getContext() as { correlationId?: unknown } | undefined)
      ?.correlationId;
    // Already inside it (the transport enters it for events): nothing to wrap.
    if (typeof id !== 'string' || correlation.current() === id) return next.handle();
    // Subscribing is what runs the handler: it must happen inside the async context.
    return new Observable((subscriber) =>
      correlation.run(id, () => next.handle().subscribe(subscriber)),
    );
  }
}
