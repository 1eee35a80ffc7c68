// Writes the minimal strict JSON schemas (draft-07) in this folder for the kinds deploy/k8s uses:
//   node deploy/k8s/schemas/generate.mjs deploy/k8s/schemas
import { writeFileSync } from 'node:fs';

const dir = process.argv[2];
const str = { type: 'string' };
const int = { type: 'integer' };
const bool = { type: 'boolean' };
const intOrStr = { oneOf: [{ type: 'integer' }, { type: 'string' }] };
const quantity = intOrStr;
const obj = (properties, required = []) => ({
  type: 'object',
  additionalProperties: false,
  properties,
  required,
});
const map = (values = str) => ({ type: 'object', additionalProperties: values });
const arr = (items) => ({ type: 'array', items });
const free = { type: 'object' };
const meta = obj({
  name: str,
  namespace: str,
  labels: map(),
  annotations: map(),
  generateName: str,
});
const labelSelector = obj({
  matchLabels: map(),
  matchExpressions: arr(obj({ key: str, operator: str, values: arr(str) }, ['key', 'operator'])),
});
const keyRef = obj({ name: str, key: str, optional: bool }, ['key']);
const envVar = obj(
  {
    name: str,
    value: str,
    valueFrom: obj({
      secretKeyRef: keyRef,
      configMapKeyRef: keyRef,
      fieldRef: obj({ fieldPath: str, apiVersion: str }, ['fieldPath']),
    }),
  },
  ['name'],
);
const httpGet = obj(
  {
    path: str,
    port: intOrStr,
    scheme: { enum: ['HTTP', 'HTTPS'] },
    host: str,
    httpHeaders: arr(obj({ name: str, value: str }, ['name', 'value'])),
  },
  ['port'],
);
const probe = obj({
  httpGet,
  exec: obj({ command: arr(str) }),
  tcpSocket: obj({ port: intOrStr, host: str }, ['port']),
  initialDelaySeconds: int,
  periodSeconds: int,
  timeoutSeconds: int,
  failureThreshold: int,
  successThreshold: int,
  terminationGracePeriodSeconds: int,
});
const resources = obj({ requests: map(quantity), limits: map(quantity) });
const capabilities = obj({ add: arr(str), drop: arr(str) });
const seccomp = obj(
  { type: { enum: ['RuntimeDefault', 'Localhost', 'Unconfined'] }, localhostProfile: str },
  ['type'],
);
const containerSecurity = obj({
  allowPrivilegeEscalation: bool,
  readOnlyRootFilesystem: bool,
  runAsNonRoot: bool,
  runAsUser: int,
  runAsGroup: int,
  privileged: bool,
  capabilities,
  seccompProfile: seccomp,
});
const container = obj(
  {
    name: str,
    image: str,
    imagePullPolicy: { enum: ['Always', 'IfNotPresent', 'Never'] },
    command: arr(str),
    args: arr(str),
    workingDir: str,
    env: arr(envVar),
    envFrom: arr(
      obj({
        configMapRef: obj({ name: str, optional: bool }),
        secretRef: obj({ name: str, optional: bool }),
        prefix: str,
      }),
    ),
    ports: arr(
      obj({ name: str, containerPort: int, protocol: { enum: ['TCP', 'UDP', 'SCTP'] } }, [
        'containerPort',
      ]),
    ),
    livenessProbe: probe,
    readinessProbe: probe,
    startupProbe: probe,
    resources,
    securityContext: containerSecurity,
    volumeMounts: arr(
      obj({ name: str, mountPath: str, readOnly: bool, subPath: str }, ['name', 'mountPath']),
    ),
  },
  ['name'],
);
const volume = obj(
  {
    name: str,
    emptyDir: obj({ medium: str, sizeLimit: quantity }),
    configMap: obj({ name: str, items: arr(free), defaultMode: int }),
    secret: obj({ secretName: str, items: arr(free), defaultMode: int }),
    persistentVolumeClaim: obj({ claimName: str, readOnly: bool }, ['claimName']),
  },
  ['name'],
);
const podSpec = obj(
  {
    containers: arr(container),
    initContainers: arr(container),
    volumes: arr(volume),
    terminationGracePeriodSeconds: int,
    serviceAccountName: str,
    securityContext: obj({
      runAsNonRoot: bool,
      runAsUser: int,
      runAsGroup: int,
      fsGroup: int,
      seccompProfile: seccomp,
    }),
    nodeSelector: map(),
    tolerations: arr(free),
    affinity: free,
    topologySpreadConstraints: arr(free),
    priorityClassName: str,
    imagePullSecrets: arr(obj({ name: str })),
  },
  ['containers'],
);
const top = (apiVersion, kind, extra, required = []) => ({
  $schema: 'http://json-schema.org/draft-07/schema#',
  description: `${kind} (${apiVersion}): a strict subset of the upstream schema, vendored for offline validation; see deploy/k8s/schemas/README.md`,
  ...obj({ apiVersion: { const: apiVersion }, kind: { const: kind }, metadata: meta, ...extra }, [
    'apiVersion',
    'kind',
    'metadata',
    ...required,
  ]),
});
const clusterRef = obj(
  { name: str, namespace: str, connectionSecret: obj({ name: str }, ['name']) },
  [],
);
const scaleRef = obj({ apiVersion: str, kind: str, name: str }, ['kind', 'name']);
const schemas = {
  'namespace-v1': top('v1', 'Namespace', {}),
  'configmap-v1': top('v1', 'ConfigMap', { data: map(), binaryData: map(), immutable: bool }),
  'secret-v1': top('v1', 'Secret', { data: map(), stringData: map(), type: str, immutable: bool }),
  'service-v1': top(
    'v1',
    'Service',
    {
      spec: obj({
        selector: map(),
        type: { enum: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] },
        clusterIP: str,
        ports: arr(
          obj(
            {
              name: str,
              port: int,
              targetPort: intOrStr,
              protocol: str,
              nodePort: int,
              appProtocol: str,
            },
            ['port'],
          ),
        ),
      }),
    },
    ['spec'],
  ),
  'deployment-apps-v1': top(
    'apps/v1',
    'Deployment',
    {
      spec: obj(
        {
          replicas: int,
          selector: labelSelector,
          template: obj({ metadata: meta, spec: podSpec }, ['spec']),
          strategy: free,
          minReadySeconds: int,
          revisionHistoryLimit: int,
          progressDeadlineSeconds: int,
        },
        ['selector', 'template'],
      ),
    },
    ['spec'],
  ),
  'horizontalpodautoscaler-autoscaling-v2': top(
    'autoscaling/v2',
    'HorizontalPodAutoscaler',
    {
      spec: obj(
        {
          scaleTargetRef: scaleRef,
          minReplicas: int,
          maxReplicas: int,
          metrics: arr(
            obj(
              {
                type: { enum: ['Resource', 'Pods', 'Object', 'External', 'ContainerResource'] },
                resource: obj(
                  {
                    name: str,
                    target: obj(
                      {
                        type: { enum: ['Utilization', 'Value', 'AverageValue'] },
                        averageUtilization: int,
                        averageValue: quantity,
                        value: quantity,
                      },
                      ['type'],
                    ),
                  },
                  ['name', 'target'],
                ),
                pods: free,
                object: free,
                external: free,
              },
              ['type'],
            ),
          ),
          behavior: obj({
            scaleUp: obj({
              stabilizationWindowSeconds: int,
              selectPolicy: str,
              policies: arr(
                obj({ type: { enum: ['Pods', 'Percent'] }, value: int, periodSeconds: int }, [
                  'type',
                  'value',
                  'periodSeconds',
                ]),
              ),
            }),
            scaleDown: obj({
              stabilizationWindowSeconds: int,
              selectPolicy: str,
              policies: arr(
                obj({ type: { enum: ['Pods', 'Percent'] }, value: int, periodSeconds: int }, [
                  'type',
                  'value',
                  'periodSeconds',
                ]),
              ),
            }),
          }),
        },
        ['scaleTargetRef', 'maxReplicas'],
      ),
    },
    ['spec'],
  ),
  'poddisruptionbudget-policy-v1': top(
    'policy/v1',
    'PodDisruptionBudget',
    {
      spec: obj({
        minAvailable: intOrStr,
        maxUnavailable: intOrStr,
        selector: labelSelector,
        unhealthyPodEvictionPolicy: str,
      }),
    },
    ['spec'],
  ),
  // Custom resources: the fields of the operators' CRDs that Portico sets.
  // RabbitMQ messaging topology operator: one least-privilege user per app (broker-users.yaml).
  'user-rabbitmq-v1beta1': top(
    'rabbitmq.com/v1beta1',
    'User',
    {
      spec: obj(
        {
          tags: arr(str),
          rabbitmqClusterReference: clusterRef,
          importCredentialsSecret: obj({ name: str }, ['name']),
        },
        ['rabbitmqClusterReference'],
      ),
    },
    ['spec'],
  ),
  'permission-rabbitmq-v1beta1': top(
    'rabbitmq.com/v1beta1',
    'Permission',
    {
      spec: obj(
        {
          vhost: str,
          user: str,
          userReference: obj({ name: str }, ['name']),
          permissions: obj({ configure: str, write: str, read: str }),
          rabbitmqClusterReference: clusterRef,
        },
        ['vhost', 'permissions', 'rabbitmqClusterReference'],
      ),
    },
    ['spec'],
  ),
  'topicpermission-rabbitmq-v1beta1': top(
    'rabbitmq.com/v1beta1',
    'TopicPermission',
    {
      spec: obj(
        {
          vhost: str,
          user: str,
          userReference: obj({ name: str }, ['name']),
          permissions: obj({ exchange: str, write: str, read: str }, ['exchange']),
          rabbitmqClusterReference: clusterRef,
        },
        ['vhost', 'permissions', 'rabbitmqClusterReference'],
      ),
    },
    ['spec'],
  ),
  'rabbitmqcluster-rabbitmq-v1beta1': top(
    'rabbitmq.com/v1beta1',
    'RabbitmqCluster',
    {
      spec: obj({
        replicas: int,
        image: str,
        resources,
        persistence: obj({ storage: quantity, storageClassName: str }),
        rabbitmq: obj({
          additionalConfig: str,
          additionalPlugins: arr(str),
          advancedConfig: str,
          envConfig: str,
        }),
        service: obj({ type: str, annotations: map() }),
        tls: free,
        affinity: free,
        tolerations: arr(free),
        override: free,
        terminationGracePeriodSeconds: int,
      }),
    },
    ['spec'],
  ),
  'mongodbcommunity-mongodbcommunity-v1': top(
    'mongodbcommunity.mongodb.com/v1',
    'MongoDBCommunity',
    {
      spec: obj(
        {
          members: int,
          arbiters: int,
          type: { enum: ['ReplicaSet'] },
          version: str,
          featureCompatibilityVersion: str,
          security: obj({
            authentication: obj(
              {
                modes: arr({ enum: ['SCRAM', 'SCRAM-SHA-1', 'SCRAM-SHA-256', 'X509'] }),
                ignoreUnknownUsers: bool,
              },
              ['modes'],
            ),
            tls: free,
            roles: arr(free),
          }),
          users: arr(
            obj(
              {
                name: str,
                db: str,
                passwordSecretRef: obj({ name: str, key: str }, ['name']),
                scramCredentialsSecretName: str,
                connectionStringSecretName: str,
                additionalConnectionStringConfig: free,
                roles: arr(obj({ name: str, db: str }, ['name', 'db'])),
              },
              ['name', 'db', 'roles', 'scramCredentialsSecretName'],
            ),
          ),
          additionalMongodConfig: free,
          statefulSet: obj({ spec: free, metadata: free }),
          replicaSetHorizons: arr(free),
          prometheus: free,
        },
        ['type', 'version', 'security', 'users'],
      ),
    },
    ['spec'],
  ),
};
for (const [name, schema] of Object.entries(schemas))
  writeFileSync(`${dir}/${name}.json`, JSON.stringify(schema, null, 2) + '\n');
