// kctl v1.32's descriptions, examples and usage lines of the create subcommands.

export const CREATE_HELP: Record<string, { long: string; examples: string; usage: string }> = {
  "clusterrole": {
    "long": "Create a cluster role.",
    "examples": "  # Create a cluster role named \"pod-reader\" that allows user to perform \"get\", \"watch\" and \"list\" on pods\n  kctl create clusterrole pod-reader --verb=get,list,watch --resource=pods\n\n  # Create a cluster role named \"pod-reader\" with ResourceName specified\n  kctl create clusterrole pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod\n\n  # Create a cluster role named \"foo\" with API Group specified\n  kctl create clusterrole foo --verb=get,list,watch --resource=rs.apps\n\n  # Create a cluster role named \"foo\" with SubResource specified\n  kctl create clusterrole foo --verb=get,list,watch --resource=pods,pods/status\n\n  # Create a cluster role name \"foo\" with NonResourceURL specified\n  kctl create clusterrole \"foo\" --verb=get --non-resource-url=/logs/*\n\n  # Create a cluster role name \"monitoring\" with AggregationRule specified\n  kctl create clusterrole monitoring --aggregation-rule=\"rbac.example.com/aggregate-to-monitoring=true\"",
    "usage": "clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none]"
  },
  "clusterrolebinding": {
    "long": "Create a cluster role binding for a particular cluster role.",
    "examples": "  # Create a cluster role binding for user1, user2, and group1 using the cluster-admin cluster role\n  kctl create clusterrolebinding cluster-admin --clusterrole=cluster-admin --user=user1 --user=user2 --group=group1",
    "usage": "clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]"
  },
  "configmap": {
    "long": "Create a config map based on a file, directory, or specified literal value.\n\n A single config map may package one or more key/value pairs.\n\n When creating a config map based on a file, the key will default to the basename of the file, and the value will default to the file content.  If the basename is an invalid key, you may specify an alternate key.\n\n When creating a config map based on a directory, each file whose basename is a valid key in the directory will be packaged into the config map.  Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).",
    "examples": "  # Create a new config map named my-config based on folder bar\n  kctl create configmap my-config --from-file=path/to/bar\n\n  # Create a new config map named my-config with specified keys instead of file basenames on disk\n  kctl create configmap my-config --from-file=key1=/path/to/bar/file1.txt --from-file=key2=/path/to/bar/file2.txt\n\n  # Create a new config map named my-config with key1=config1 and key2=config2\n  kctl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2\n\n  # Create a new config map named my-config from the key=value pairs in the file\n  kctl create configmap my-config --from-file=path/to/bar\n\n  # Create a new config map named my-config from an env file\n  kctl create configmap my-config --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env",
    "usage": "configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]"
  },
  "cronjob": {
    "long": "Create a cron job with the specified name.",
    "examples": "  # Create a cron job\n  kctl create cronjob my-job --image=busybox --schedule=\"*/1 * * * *\"\n\n  # Create a cron job with a command\n  kctl create cronjob my-job --image=busybox --schedule=\"*/1 * * * *\" -- date",
    "usage": "cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags]"
  },
  "deployment": {
    "long": "Create a deployment with the specified name.",
    "examples": "  # Create a deployment named my-dep that runs the busybox image\n  kctl create deployment my-dep --image=busybox\n\n  # Create a deployment with a command\n  kctl create deployment my-dep --image=busybox -- date\n\n  # Create a deployment named my-dep that runs the nginx image with 3 replicas\n  kctl create deployment my-dep --image=nginx --replicas=3\n\n  # Create a deployment named my-dep that runs the busybox image and expose port 5701\n  kctl create deployment my-dep --image=busybox --port=5701\n\n  # Create a deployment named my-dep that runs multiple containers\n  kctl create deployment my-dep --image=busybox:latest --image=ubuntu:latest --image=nginx",
    "usage": "deployment NAME --image=image -- [COMMAND] [args...]"
  },
  "ingress": {
    "long": "Create an ingress with the specified name.",
    "examples": "  # Create a single ingress called 'simple' that directs requests to foo.com/bar to svc\n  # svc1:8080 with a TLS secret \"my-cert\"\n  kctl create ingress simple --rule=\"foo.com/bar=svc1:8080,tls=my-cert\"\n\n  # Create a catch all ingress of \"/path\" pointing to service svc:port and Ingress Class as \"otheringress\"\n  kctl create ingress catch-all --class=otheringress --rule=\"/path=svc:port\"\n\n  # Create an ingress with two annotations: ingress.annotation1 and ingress.annotations2\n  kctl create ingress annotated --class=default --rule=\"foo.com/bar=svc:port\" \\\n  --annotation ingress.annotation1=foo \\\n  --annotation ingress.annotation2=bla\n\n  # Create an ingress with the same host and multiple paths\n  kctl create ingress multipath --class=default \\\n  --rule=\"foo.com/=svc:port\" \\\n  --rule=\"foo.com/admin/=svcadmin:portadmin\"\n\n  # Create an ingress with multiple hosts and the pathType as Prefix\n  kctl create ingress ingress1 --class=default \\\n  --rule=\"foo.com/path*=svc:8080\" \\\n  --rule=\"bar.com/admin*=svc2:http\"\n\n  # Create an ingress with TLS enabled using the default ingress certificate and different path types\n  kctl create ingress ingtls --class=default \\\n  --rule=\"foo.com/=svc:https,tls\" \\\n  --rule=\"foo.com/path/subpath*=othersvc:8080\"\n\n  # Create an ingress with TLS enabled using a specific secret and pathType as Prefix\n  kctl create ingress ingsecret --class=default \\\n  --rule=\"foo.com/*=svc:8080,tls=secret1\"\n\n  # Create an ingress with a default backend\n  kctl create ingress ingdefault --class=default \\\n  --default-backend=defaultsvc:http \\\n  --rule=\"foo.com/*=svc:8080,tls=secret1\"",
    "usage": "ingress NAME --rule=host/path=service:port[,tls[=secret]] "
  },
  "job": {
    "long": "Create a job with the specified name.",
    "examples": "  # Create a job\n  kctl create job my-job --image=busybox\n\n  # Create a job with a command\n  kctl create job my-job --image=busybox -- date\n\n  # Create a job from a cron job named \"a-cronjob\"\n  kctl create job test-job --from=cronjob/a-cronjob",
    "usage": "job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...]"
  },
  "namespace": {
    "long": "Create a namespace with the specified name.",
    "examples": "  # Create a new namespace named my-namespace\n  kctl create namespace my-namespace",
    "usage": "namespace NAME [--dry-run=server|client|none]"
  },
  "poddisruptionbudget": {
    "long": "Create a pod disruption budget with the specified name, selector, and desired minimum available pods.",
    "examples": "  # Create a pod disruption budget named my-pdb that will select all pods with the app=rails label\n  # and require at least one of them being available at any point in time\n  kctl create poddisruptionbudget my-pdb --selector=app=rails --min-available=1\n\n  # Create a pod disruption budget named my-pdb that will select all pods with the app=nginx label\n  # and require at least half of the pods selected to be available at any point in time\n  kctl create pdb my-pdb --selector=app=nginx --min-available=50%",
    "usage": "poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none]"
  },
  "priorityclass": {
    "long": "Create a priority class with the specified name, value, globalDefault and description.",
    "examples": "  # Create a priority class named high-priority\n  kctl create priorityclass high-priority --value=1000 --description=\"high priority\"\n\n  # Create a priority class named default-priority that is considered as the global default priority\n  kctl create priorityclass default-priority --value=1000 --global-default=true --description=\"default priority\"\n\n  # Create a priority class named high-priority that cannot preempt pods with lower priority\n  kctl create priorityclass high-priority --value=1000 --description=\"high priority\" --preemption-policy=\"Never\"",
    "usage": "priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none]"
  },
  "quota": {
    "long": "Create a resource quota with the specified name, hard limits, and optional scopes.",
    "examples": "  # Create a new resource quota named my-quota\n  kctl create quota my-quota --hard=cpu=1,memory=1G,pods=2,services=3,replicationcontrollers=2,resourcequotas=1,secrets=5,persistentvolumeclaims=10\n\n  # Create a new resource quota named best-effort\n  kctl create quota best-effort --hard=pods=100 --scopes=BestEffort",
    "usage": "quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none]"
  },
  "role": {
    "long": "Create a role with single rule.",
    "examples": "  # Create a role named \"pod-reader\" that allows user to perform \"get\", \"watch\" and \"list\" on pods\n  kctl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods\n\n  # Create a role named \"pod-reader\" with ResourceName specified\n  kctl create role pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod\n\n  # Create a role named \"foo\" with API Group specified\n  kctl create role foo --verb=get,list,watch --resource=rs.apps\n\n  # Create a role named \"foo\" with SubResource specified\n  kctl create role foo --verb=get,list,watch --resource=pods,pods/status",
    "usage": "role NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none]"
  },
  "rolebinding": {
    "long": "Create a role binding for a particular role or cluster role.",
    "examples": "  # Create a role binding for user1, user2, and group1 using the admin cluster role\n  kctl create rolebinding admin --clusterrole=admin --user=user1 --user=user2 --group=group1\n\n  # Create a role binding for service account monitoring:sa-dev using the admin role\n  kctl create rolebinding admin-binding --role=admin --serviceaccount=monitoring:sa-dev",
    "usage": "rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]"
  },
  "secret generic": {
    "long": "Create a secret based on a file, directory, or specified literal value.\n\n A single secret may package one or more key/value pairs.\n\n When creating a secret based on a file, the key will default to the basename of the file, and the value will default to the file content. If the basename is an invalid key or you wish to chose your own, you may specify an alternate key.\n\n When creating a secret based on a directory, each file whose basename is a valid key in the directory will be packaged into the secret. Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).",
    "examples": "  # Create a new secret named my-secret with keys for each file in folder bar\n  kctl create secret generic my-secret --from-file=path/to/bar\n\n  # Create a new secret named my-secret with specified keys instead of names on disk\n  kctl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-file=ssh-publickey=path/to/id_rsa.pub\n\n  # Create a new secret named my-secret with key1=supersecret and key2=topsecret\n  kctl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret\n\n  # Create a new secret named my-secret using a combination of a file and a literal\n  kctl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-literal=passphrase=topsecret\n\n  # Create a new secret named my-secret from env files\n  kctl create secret generic my-secret --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env",
    "usage": "secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]"
  },
  "secret tls": {
    "long": "Create a TLS secret from the given public/private key pair.\n\n The public/private key pair must exist beforehand. The public key certificate must be .PEM encoded and match the given private key.",
    "examples": "  # Create a new TLS secret named tls-secret with the given key pair\n  kctl create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key",
    "usage": "secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none]"
  },
  "secret docker-registry": {
    "long": "Create a new secret for use with Docker registries.\n        \n        Dockercfg secrets are used to authenticate against Docker registries.\n        \n        When using the Docker command line to push images, you can authenticate to a given registry by running:\n        '$ docker login DOCKER_REGISTRY_SERVER --username=DOCKER_USER --password=DOCKER_PASSWORD --email=DOCKER_EMAIL'.\n        \n That produces a ~/.dockercfg file that is used by subsequent 'docker push' and 'docker pull' commands to authenticate to the registry. The email address is optional.\n\n        When creating applications, you may have a Docker registry that requires authentication.  In order for the\n        nodes to pull images on your behalf, they must have the credentials.  You can provide this information\n        by creating a dockercfg secret and attaching it to your service account.",
    "examples": "  # If you do not already have a .dockercfg file, create a dockercfg secret directly\n  kctl create secret docker-registry my-secret --docker-server=DOCKER_REGISTRY_SERVER --docker-username=DOCKER_USER --docker-password=DOCKER_PASSWORD --docker-email=DOCKER_EMAIL\n\n  # Create a new secret named my-secret from ~/.docker/config.json\n  kctl create secret docker-registry my-secret --from-file=path/to/.docker/config.json",
    "usage": "secret docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none]"
  },
  "service clusterip": {
    "long": "Create a ClusterIP service with the specified name.",
    "examples": "  # Create a new ClusterIP service named my-cs\n  kctl create service clusterip my-cs --tcp=5678:8080\n\n  # Create a new ClusterIP service named my-cs (in headless mode)\n  kctl create service clusterip my-cs --clusterip=\"None\"",
    "usage": "service clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none]"
  },
  "service nodeport": {
    "long": "Create a NodePort service with the specified name.",
    "examples": "  # Create a new NodePort service named my-ns\n  kctl create service nodeport my-ns --tcp=5678:8080",
    "usage": "service nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none]"
  },
  "service loadbalancer": {
    "long": "Create a LoadBalancer service with the specified name.",
    "examples": "  # Create a new LoadBalancer service named my-lbs\n  kctl create service loadbalancer my-lbs --tcp=5678:8080",
    "usage": "service loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none]"
  },
  "service externalname": {
    "long": "Create an ExternalName service with the specified name.\n\n ExternalName service references to an external DNS address instead of only pods, which will allow application authors to reference services that exist off platform, on other clusters, or locally.",
    "examples": "  # Create a new ExternalName service named my-ns\n  kctl create service externalname my-ns --external-name bar.com",
    "usage": "service externalname NAME --external-name external.name [--dry-run=server|client|none]"
  },
  "serviceaccount": {
    "long": "Create a service account with the specified name.",
    "examples": "  # Create a new service account named my-service-account\n  kctl create serviceaccount my-service-account",
    "usage": "serviceaccount NAME [--dry-run=server|client|none]"
  },
  "token": {
    "long": "Request a service account token.",
    "examples": "  # Request a token to authenticate to the kube-apiserver as the service account \"myapp\" in the current namespace\n  kctl create token myapp\n\n  # Request a token for a service account in a custom namespace\n  kctl create token myapp --namespace myns\n\n  # Request a token with a custom expiration\n  kctl create token myapp --duration 10m\n\n  # Request a token with a custom audience\n  kctl create token myapp --audience https://example.com\n\n  # Request a token bound to an instance of a Secret object\n  kctl create token myapp --bound-object-kind Secret --bound-object-name mysecret\n\n  # Request a token bound to an instance of a Secret object with a specific UID\n  kctl create token myapp --bound-object-kind Secret --bound-object-name mysecret --bound-object-uid 0d4691ed-659b-4935-a832-355f77ee47cc",
    "usage": "token SERVICE_ACCOUNT_NAME"
  },
  "secret": {
    "long": "Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.",
    "examples": "",
    "usage": "secret (docker-registry | generic | tls)"
  },
  "service": {
    "long": "Create a service using a specified subcommand.",
    "examples": "",
    "usage": "service [flags]"
  }
};
