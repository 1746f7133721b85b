// kctl v1.32's descriptions, examples, usage lines and flag texts of label and annotate.

export const LABEL_HELP: Record<string, { long: string; examples: string; usage: string; options: Record<string, string> }> = {
  "label": {
    "long": "Update the labels on a resource.\n\n  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.\n  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.\n  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.\n  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.",
    "examples": "  # Update pod 'foo' with the label 'unhealthy' and the value 'true'\n  kctl label pods foo unhealthy=true\n\n  # Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value\n  kctl label --overwrite pods foo status=unhealthy\n\n  # Update all pods in the namespace\n  kctl label pods --all status=unhealthy\n\n  # Update a pod identified by the type and name in \"pod.json\"\n  kctl label -f pod.json status=unhealthy\n\n  # Update pod 'foo' only if the resource is unchanged from version 1\n  kctl label pods foo status=unhealthy --resource-version=1\n\n  # Update pod 'foo' by removing a label named 'bar' if it exists\n  # Does not require the --overwrite flag\n  kctl label pods foo bar-",
    "usage": "label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]",
    "options": {
      "all": "Select all resources, in the namespace of the specified resource types",
      "all-namespaces": "If true, check the specified action in all namespaces.",
      "allow-missing-template-keys": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.",
      "dry-run": "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.",
      "field-manager": "Name of the manager used to track field ownership.",
      "field-selector": "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
      "filename": "Filename, directory, or URL to files identifying the resource to update the labels",
      "kustomize": "Process the kustomization directory. This flag can't be used together with -f or -R.",
      "list": "If true, display the labels for a given resource.",
      "local": "If true, label will NOT contact api-server but run locally.",
      "output": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).",
      "overwrite": "If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.",
      "recursive": "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.",
      "resource-version": "If non-empty, the labels update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.",
      "selector": "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
      "show-managed-fields": "If true, keep the managedFields when printing objects in JSON or YAML format.",
      "template": "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."
    }
  },
  "annotate": {
    "long": "Update the annotations on one or more resources.\n\n All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.\n\n Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.\n\nUse \"kctl api-resources\" for a complete list of supported resources.",
    "examples": "  # Update pod 'foo' with the annotation 'description' and the value 'my frontend'\n  # If the same annotation is set multiple times, only the last value will be applied\n  kctl annotate pods foo description='my frontend'\n\n  # Update a pod identified by type and name in \"pod.json\"\n  kctl annotate -f pod.json description='my frontend'\n\n  # Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value\n  kctl annotate --overwrite pods foo description='my frontend running nginx'\n\n  # Update all pods in the namespace\n  kctl annotate pods --all description='my frontend running nginx'\n\n  # Update pod 'foo' only if the resource is unchanged from version 1\n  kctl annotate pods foo description='my frontend running nginx' --resource-version=1\n\n  # Update pod 'foo' by removing an annotation named 'description' if it exists\n  # Does not require the --overwrite flag\n  kctl annotate pods foo description-",
    "usage": "annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]",
    "options": {
      "all": "Select all resources, in the namespace of the specified resource types.",
      "all-namespaces": "If true, check the specified action in all namespaces.",
      "allow-missing-template-keys": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.",
      "dry-run": "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.",
      "field-manager": "Name of the manager used to track field ownership.",
      "field-selector": "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
      "filename": "Filename, directory, or URL to files identifying the resource to update the annotation",
      "kustomize": "Process the kustomization directory. This flag can't be used together with -f or -R.",
      "list": "If true, display the annotations for a given resource.",
      "local": "If true, annotation will NOT contact api-server but run locally.",
      "output": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).",
      "overwrite": "If true, allow annotations to be overwritten, otherwise reject annotation updates that overwrite existing annotations.",
      "recursive": "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.",
      "resource-version": "If non-empty, the annotation update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.",
      "selector": "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
      "show-managed-fields": "If true, keep the managedFields when printing objects in JSON or YAML format.",
      "template": "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."
    }
  }
};
