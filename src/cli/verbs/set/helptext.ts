// kctl v1.32's descriptions, examples, usage lines and flag texts of the set subcommands.

export const SET_HELP: Record<string, { long: string; examples: string; usage: string; options: Record<string, string> }> = {
  "image": {
    "long": "Update existing container image(s) of resources.\n\n Possible resources include (case insensitive):\n\n        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)",
    "examples": "  # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'\n  kctl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1\n\n  # Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'\n  kctl set image deployments,rc nginx=nginx:1.9.1 --all\n\n  # Update image of all containers of daemonset abc to 'nginx:1.9.1'\n  kctl set image daemonset abc *=nginx:1.9.1\n\n  # Print result (in yaml format) of updating nginx container image from local file, without hitting the server\n  kctl set image -f path/to/file.yaml nginx=nginx:1.9.1 --local -o yaml",
    "usage": "image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N",
    "options": {
      "all": "Select all resources, in the namespace of the specified resource types",
      "allow-missing-template-keys": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.",
      "dry-run": "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.",
      "field-manager": "Name of the manager used to track field ownership.",
      "filename": "Filename, directory, or URL to files identifying the resource to get from a server.",
      "kustomize": "Process the kustomization directory. This flag can't be used together with -f or -R.",
      "local": "If true, set image will NOT contact api-server but run locally.",
      "output": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).",
      "recursive": "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.",
      "selector": "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
      "show-managed-fields": "If true, keep the managedFields when printing objects in JSON or YAML format.",
      "template": "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."
    }
  },
  "env": {
    "long": "Update environment variables on a pod template.\n\n List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.\n\n If \"--env -\" is passed, environment variables can be read from STDIN using the standard env syntax.\n\n Possible resources include (case insensitive):\n\n        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)",
    "examples": "  # Update deployment 'registry' with a new environment variable\n  kctl set env deployment/registry STORAGE_DIR=/local\n\n  # List the environment variables defined on a deployments 'sample-build'\n  kctl set env deployment/sample-build --list\n\n  # List the environment variables defined on all pods\n  kctl set env pods --all --list\n\n  # Output modified deployment in YAML, and does not alter the object on the server\n  kctl set env deployment/sample-build STORAGE_DIR=/data -o yaml\n\n  # Update all containers in all replication controllers in the project to have ENV=prod\n  kctl set env rc --all ENV=prod\n\n  # Import environment from a secret\n  kctl set env --from=secret/mysecret deployment/myapp\n\n  # Import environment from a config map with a prefix\n  kctl set env --from=configmap/myconfigmap --prefix=MYSQL_ deployment/myapp\n\n  # Import specific keys from a config map\n  kctl set env --keys=my-example-key --from=configmap/myconfigmap deployment/myapp\n\n  # Remove the environment variable ENV from container 'c1' in all deployment configs\n  kctl set env deployments --all --containers=\"c1\" ENV-\n\n  # Remove the environment variable ENV from a deployment definition on disk and\n  # update the deployment config on the server\n  kctl set env -f deploy.json ENV-\n\n  # Set some of the local shell environment into a deployment config on the server\n  env | grep RAILS_ | kctl set env -e - deployment/registry",
    "usage": "env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N",
    "options": {
      "all": "If true, select all resources in the namespace of the specified resource types",
      "allow-missing-template-keys": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.",
      "containers": "The names of containers in the selected pod templates to change - may use wildcards",
      "dry-run": "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.",
      "env": "Specify a key-value pair for an environment variable to set into each container.",
      "field-manager": "Name of the manager used to track field ownership.",
      "filename": "Filename, directory, or URL to files the resource to update the env",
      "from": "The name of a resource from which to inject environment variables",
      "keys": "Comma-separated list of keys to import from specified resource",
      "kustomize": "Process the kustomization directory. This flag can't be used together with -f or -R.",
      "list": "If true, display the environment and any changes in the standard format. this flag will removed when we have kctl view env.",
      "local": "If true, set env will NOT contact api-server but run locally.",
      "output": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).",
      "overwrite": "If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.",
      "prefix": "Prefix to append to variable names",
      "recursive": "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.",
      "resolve": "If true, show secret or configmap references when listing variables",
      "selector": "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
      "show-managed-fields": "If true, keep the managedFields when printing objects in JSON or YAML format.",
      "template": "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."
    }
  },
  "resources": {
    "long": "Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.  If a pod is successfully scheduled, it is guaranteed the amount of resource requested, but may burst up to its specified limits.\n\n For each compute resource, if a limit is specified and a request is omitted, the request will default to the limit.\n\n Possible resources include (case insensitive): Use \"kctl api-resources\" for a complete list of supported resources..",
    "examples": "  # Set a deployments nginx container cpu limits to \"200m\" and memory to \"512Mi\"\n  kctl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi\n\n  # Set the resource request and limits for all containers in nginx\n  kctl set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi\n\n  # Remove the resource requests for resources on containers in nginx\n  kctl set resources deployment nginx --limits=cpu=0,memory=0 --requests=cpu=0,memory=0\n\n  # Print the result (in yaml format) of updating nginx container limits from a local, without hitting the server\n  kctl set resources -f path/to/file.yaml --limits=cpu=200m,memory=512Mi --local -o yaml",
    "usage": "resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS]",
    "options": {
      "all": "Select all resources, in the namespace of the specified resource types",
      "allow-missing-template-keys": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.",
      "containers": "The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards",
      "dry-run": "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.",
      "field-manager": "Name of the manager used to track field ownership.",
      "filename": "Filename, directory, or URL to files identifying the resource to get from a server.",
      "kustomize": "Process the kustomization directory. This flag can't be used together with -f or -R.",
      "limits": "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.",
      "local": "If true, set resources will NOT contact api-server but run locally.",
      "output": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).",
      "recursive": "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.",
      "requests": "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.",
      "selector": "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
      "show-managed-fields": "If true, keep the managedFields when printing objects in JSON or YAML format.",
      "template": "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."
    }
  },
  "selector": {
    "long": "Set the selector on a resource. Note that the new selector will overwrite the old selector if the resource had one prior to the invocation of 'set selector'.\n\n A selector must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters. If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used. Note: currently selectors can only be set on Service objects.",
    "examples": "  # Set the labels and selector before creating a deployment/service pair\n  kctl create service clusterip my-svc --clusterip=\"None\" -o yaml --dry-run=client | kctl set selector --local -f - 'environment=qa' -o yaml | kctl create -f -\n  kctl create deployment my-dep -o yaml --dry-run=client | kctl label --local -f - environment=qa -o yaml | kctl create -f -",
    "usage": "selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version]",
    "options": {
      "all": "Select all resources in the namespace of the specified resource types",
      "allow-missing-template-keys": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.",
      "dry-run": "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.",
      "field-manager": "Name of the manager used to track field ownership.",
      "filename": "identifying the resource.",
      "local": "If true, annotation will NOT contact api-server but run locally.",
      "output": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).",
      "recursive": "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.",
      "resource-version": "If non-empty, the selectors update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.",
      "show-managed-fields": "If true, keep the managedFields when printing objects in JSON or YAML format.",
      "template": "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."
    }
  },
  "serviceaccount": {
    "long": "Update the service account of pod template resources.\n\n Possible resources (case insensitive) can be:\n\n replicationcontroller (rc), deployment (deploy), daemonset (ds), job, replicaset (rs), statefulset",
    "examples": "  # Set deployment nginx-deployment's service account to serviceaccount1\n  kctl set serviceaccount deployment nginx-deployment serviceaccount1\n\n  # Print the result (in YAML format) of updated nginx deployment with the service account from local file, without hitting the API server\n  kctl set sa -f nginx-deployment.yaml serviceaccount1 --local --dry-run=client -o yaml",
    "usage": "serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT",
    "options": {
      "all": "Select all resources, in the namespace of the specified resource types",
      "allow-missing-template-keys": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.",
      "dry-run": "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.",
      "field-manager": "Name of the manager used to track field ownership.",
      "filename": "Filename, directory, or URL to files identifying the resource to get from a server.",
      "kustomize": "Process the kustomization directory. This flag can't be used together with -f or -R.",
      "local": "If true, set serviceaccount will NOT contact api-server but run locally.",
      "output": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).",
      "recursive": "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.",
      "show-managed-fields": "If true, keep the managedFields when printing objects in JSON or YAML format.",
      "template": "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."
    }
  },
  "subject": {
    "long": "Update the user, group, or service account in a role binding or cluster role binding.",
    "examples": "  # Update a cluster role binding for serviceaccount1\n  kctl set subject clusterrolebinding admin --serviceaccount=namespace:serviceaccount1\n\n  # Update a role binding for user1, user2, and group1\n  kctl set subject rolebinding admin --user=user1 --user=user2 --group=group1\n\n  # Print the result (in YAML format) of updating rolebinding subjects from a local, without hitting the server\n  kctl create rolebinding admin --role=admin --user=admin -o yaml --dry-run=client | kctl set subject --local -f - --user=foo -o yaml",
    "usage": "subject (-f FILENAME | TYPE NAME) [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]",
    "options": {
      "all": "Select all resources, in the namespace of the specified resource types",
      "allow-missing-template-keys": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.",
      "dry-run": "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.",
      "field-manager": "Name of the manager used to track field ownership.",
      "filename": "Filename, directory, or URL to files the resource to update the subjects",
      "group": "Groups to bind to the role",
      "kustomize": "Process the kustomization directory. This flag can't be used together with -f or -R.",
      "local": "If true, set subject will NOT contact api-server but run locally.",
      "output": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).",
      "recursive": "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.",
      "selector": "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
      "serviceaccount": "Service accounts to bind to the role",
      "show-managed-fields": "If true, keep the managedFields when printing objects in JSON or YAML format.",
      "template": "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].",
      "user": "Usernames to bind to the role"
    }
  },
  "": {
    "long": "Configure application resources.\n\n These commands help you make changes to existing application resources.",
    "examples": "",
    "usage": "",
    "options": {}
  }
};
