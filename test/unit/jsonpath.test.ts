import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JsonPathError, executeJsonPath, findJsonPathResults, parseJsonPath, relaxedJsonPathExpression } from '../../src/printers/jsonpath/index.js';
import { formatGoFloat, goJson, goQuote, goSprint, goSyntax } from '../../src/util/goformat.js';
import { assertProperty } from '../helpers/seed.js';

// Generated from `kubectl get pods -o jsonpath=...` (v1.32) against a local API server serving these pods.
const podList = {
 "apiVersion": "v1",
 "items": [
  {
   "apiVersion": "v1",
   "kind": "Pod",
   "metadata": {
    "annotations": {
     "note": "a<b&c>d"
    },
    "creationTimestamp": "2024-05-01T10:00:00Z",
    "labels": {
     "app": "sample-app",
     "pod-template-hash": "6cd85bd5f"
    },
    "name": "sample-app-6cd85bd5f-abcde",
    "namespace": "default"
   },
   "spec": {
    "containers": [
     {
      "image": "nginx:1.25",
      "name": "app",
      "ports": [
       {
        "containerPort": 80
       }
      ],
      "resources": {
       "requests": {
        "cpu": "100m",
        "memory": "64Mi"
       }
      }
     },
     {
      "image": "busybox",
      "name": "side"
     }
    ],
    "nodeName": "node-1"
   },
   "status": {
    "conditions": [
     {
      "status": "True",
      "type": "Ready"
     },
     {
      "status": "True",
      "type": "PodScheduled"
     }
    ],
    "containerStatuses": [
     {
      "name": "app",
      "ready": true,
      "restartCount": 3
     },
     {
      "name": "side",
      "ready": false,
      "restartCount": 0
     }
    ],
    "phase": "Running",
    "podIP": "10.1.0.5"
   }
  },
  {
   "apiVersion": "v1",
   "kind": "Pod",
   "metadata": {
    "creationTimestamp": "2024-04-01T10:00:00Z",
    "labels": {
     "app": "db"
    },
    "name": "db-0",
    "namespace": "default"
   },
   "spec": {
    "containers": [
     {
      "image": "postgres:16",
      "name": "postgres",
      "resources": {
       "requests": {
        "cpu": "1",
        "memory": "1Gi"
       }
      }
     }
    ]
   },
   "status": {
    "containerStatuses": [
     {
      "name": "postgres",
      "ready": false,
      "restartCount": 10
     }
    ],
    "phase": "Pending"
   }
  },
  {
   "apiVersion": "v1",
   "kind": "Pod",
   "metadata": {
    "creationTimestamp": "2024-06-01T10:00:00Z",
    "name": "web-2",
    "namespace": "default"
   },
   "spec": {
    "containers": [
     {
      "image": "httpd",
      "name": "web",
      "resources": {
       "requests": {
        "cpu": "250m",
        "memory": "128Mi"
       }
      }
     }
    ],
    "nodeName": "node-2"
   },
   "status": {
    "conditions": [
     {
      "status": "False",
      "type": "Ready"
     }
    ],
    "containerStatuses": [
     {
      "name": "web",
      "ready": true,
      "restartCount": 0
     }
    ],
    "phase": "Running",
    "podIP": "10.1.0.7"
   }
  }
 ],
 "kind": "List",
 "metadata": {
  "resourceVersion": ""
 }
};

const outputs: [template: string, output: string][] = [
  ["{.kind}", "List"],
  ["{.items[*].metadata.name}", "sample-app-6cd85bd5f-abcde db-0 web-2"],
  ["{.items[0].metadata.name}", "sample-app-6cd85bd5f-abcde"],
  ["{.items[-1].metadata.name}", "web-2"],
  ["{.items[1:3].metadata.name}", "db-0 web-2"],
  ["{.items[:2].metadata.name}", "sample-app-6cd85bd5f-abcde db-0"],
  ["{.items[::2].metadata.name}", "sample-app-6cd85bd5f-abcde web-2"],
  ["{.items[0:3:2].metadata.name}", "sample-app-6cd85bd5f-abcde web-2"],
  ["{.items[*]['metadata.name']}", "sample-app-6cd85bd5f-abcde db-0 web-2"],
  ["{.items[*].metadata['name']}", "sample-app-6cd85bd5f-abcde db-0 web-2"],
  ["{.items[0].metadata.labels}", "{\"app\":\"sample-app\",\"pod-template-hash\":\"6cd85bd5f\"}"],
  ["{.items[0].metadata.labels.app}", "sample-app"],
  ["{.items[0].metadata.labels['pod-template-hash']}", "6cd85bd5f"],
  ["{.items[*]..image}", "nginx:1.25 busybox postgres:16 httpd"],
  ["{.items[0,2].metadata.name}", "sample-app-6cd85bd5f-abcde web-2"],
  ["{.items[0].metadata['name','namespace']}", "sample-app-6cd85bd5f-abcde default"],
  ["{.items[?(@.status.phase==\"Running\")].metadata.name}", "sample-app-6cd85bd5f-abcde web-2"],
  ["{.items[?(@.status.phase!=\"Running\")].metadata.name}", "db-0"],
  ["{.items[?(@.status.podIP)].metadata.name}", "sample-app-6cd85bd5f-abcde web-2"],
  ["{.items[*].status.conditions[?(@.type==\"Ready\")].status}", "True False"],
  ["{.items[*].status.containerStatuses[?(@.restartCount>2)].name}", "app postgres"],
  ["{.items[*].status.containerStatuses[?(@.restartCount<=3)].name}", "app side web"],
  ["{.items[*].status.containerStatuses[?(@.restartCount>=10)].name}", "postgres"],
  ["{.items[*].status.containerStatuses[?(@.restartCount<1)].name}", "side web"],
  ["{.items[*].status.containerStatuses[?(@.ready==true)].name}", "app web"],
  ["{.items[*].status.containerStatuses[?(@.ready==false)].name}", "side postgres"],
  ["{.items[?(@.metadata.name=='db-0')].status.phase}", "Pending"],
  ["{range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}", "sample-app-6cd85bd5f-abcde\tRunning\ndb-0\tPending\nweb-2\tRunning\n"],
  ["{range .items[*]}[{.metadata.name}, {range .spec.containers[*]}{.name}={.image} {end}]{\"\\n\"}{end}", "[sample-app-6cd85bd5f-abcde, app=nginx:1.25 side=busybox ]\n[db-0, postgres=postgres:16 ]\n[web-2, web=httpd ]\n"],
  ["{range .items[*]}{.metadata.name}{\"\\n\"}{end}done", "sample-app-6cd85bd5f-abcde\ndb-0\nweb-2\ndone"],
  ["name: {.items[0].metadata.name}\\n", "name: sample-app-6cd85bd5f-abcde\\n"],
  ["{@}", "{\"apiVersion\":\"v1\",\"items\":[{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{\"note\":\"a\\u003cb\\u0026c\\u003ed\"},\"creationTimestamp\":\"2024-05-01T10:00:00Z\",\"labels\":{\"app\":\"sample-app\",\"pod-template-hash\":\"6cd85bd5f\"},\"name\":\"sample-app-6cd85bd5f-abcde\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"image\":\"nginx:1.25\",\"name\":\"app\",\"ports\":[{\"containerPort\":80}],\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"64Mi\"}}},{\"image\":\"busybox\",\"name\":\"side\"}],\"nodeName\":\"node-1\"},\"status\":{\"conditions\":[{\"status\":\"True\",\"type\":\"Ready\"},{\"status\":\"True\",\"type\":\"PodScheduled\"}],\"containerStatuses\":[{\"name\":\"app\",\"ready\":true,\"restartCount\":3},{\"name\":\"side\",\"ready\":false,\"restartCount\":0}],\"phase\":\"Running\",\"podIP\":\"10.1.0.5\"}},{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"creationTimestamp\":\"2024-04-01T10:00:00Z\",\"labels\":{\"app\":\"db\"},\"name\":\"db-0\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"image\":\"postgres:16\",\"name\":\"postgres\",\"resources\":{\"requests\":{\"cpu\":\"1\",\"memory\":\"1Gi\"}}}]},\"status\":{\"containerStatuses\":[{\"name\":\"postgres\",\"ready\":false,\"restartCount\":10}],\"phase\":\"Pending\"}},{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"creationTimestamp\":\"2024-06-01T10:00:00Z\",\"name\":\"web-2\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"image\":\"httpd\",\"name\":\"web\",\"resources\":{\"requests\":{\"cpu\":\"250m\",\"memory\":\"128Mi\"}}}],\"nodeName\":\"node-2\"},\"status\":{\"conditions\":[{\"status\":\"False\",\"type\":\"Ready\"}],\"containerStatuses\":[{\"name\":\"web\",\"ready\":true,\"restartCount\":0}],\"phase\":\"Running\",\"podIP\":\"10.1.0.7\"}}],\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"\"}}"],
  ["{.}", ""],
  ["{$.kind}", "List"],
  ["{.items[0].spec.containers[0]}", "{\"image\":\"nginx:1.25\",\"name\":\"app\",\"ports\":[{\"containerPort\":80}],\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"64Mi\"}}}"],
  ["{.items[0].spec.containers}", "[{\"image\":\"nginx:1.25\",\"name\":\"app\",\"ports\":[{\"containerPort\":80}],\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"64Mi\"}}},{\"image\":\"busybox\",\"name\":\"side\"}]"],
  ["{.items[*].spec.containers[*].name}", "app side postgres web"],
  ["{.items[0].metadata.annotations}", "{\"note\":\"a\\u003cb\\u0026c\\u003ed\"}"],
  ["{.items[0].status.containerStatuses[0].ready}", "true"],
  ["{.items[0].status.containerStatuses[0].restartCount}", "3"],
  ["{.items[0].spec.containers[0].ports[0].containerPort}", "80"],
  ["{.items[*].status.podIP}", "10.1.0.5 10.1.0.7"],
  ["{.items[*].nope}", ""],
  ["{.items[1].metadata.labels.*}", "db"],
  ["{\"literal\"}", "literal"],
  ["{'single'}", "single"],
  ["{\"a\\\"b\"}", "a\"b"],
  ["{\"\\u00e9\\x41\"}", "\u00e9A"],
  ["a{\"\\n\"}b", "a\nb"],
  ["{.items[?(@.status.containerStatuses[0].restartCount>2)].metadata.name}", "sample-app-6cd85bd5f-abcde db-0"],
  ["{.items[*].metadata.name}{.items[*].status.phase}", "sample-app-6cd85bd5f-abcde db-0 web-2Running Pending Running"],
  ["{range .items[*]}{.metadata.name}{end}", "sample-app-6cd85bd5f-abcdedb-0web-2"],
  ["{range .items[*]}{.spec.containers[*].name} {end}", "app side postgres web "],
  ["{ .kind }", "List"],
  ["{.items[0].metadata.labels.pod-template-hash}", "6cd85bd5f"],
  ["{.items[0]['metadata']['name']}", "sample-app-6cd85bd5f-abcde"],
  ["{.items[1:1].metadata.name}", ""],
  ["{.items[3:3]}", ""],
  ["{.metadata}", "{\"resourceVersion\":\"\"}"],
  ["{.items[?(@.metadata.name>\"c\")].metadata.name}", "sample-app-6cd85bd5f-abcde db-0 web-2"],
  ["{.items[?(@.status.containerStatuses[0].restartCount==3)].metadata.name}", "sample-app-6cd85bd5f-abcde"],
  ["{.items[?(@.nope==\"x\")].metadata.name}", ""],
  ["{.items[0].metadata.name.x}", ""],
  ["{.kind.x}", ""],
  ["{.items[?(@.x)]}", ""],
  ["{range .items[*]}{.metadata.name}", "sample-app-6cd85bd5f-abcdedb-0web-2"],
  ["{.items[0]..containerPort}", "80"],
  ["{.items[0].spec.containers[*].ports[*].containerPort}", "80"],
  ["{.items[0].metadata.name}}", "sample-app-6cd85bd5f-abcde}"],
  ["{.items[0].metadata.labels['app','nope']}", "sample-app"],
  ["{.items[?(@.status.phase==\"Running\")]['metadata.name']}", "sample-app-6cd85bd5f-abcde web-2"],
  ["{.items[0].spec.containers[?(@.name==\"app\")].resources.requests.cpu}", "100m"],
  ["{.items[?(@.spec.containers[0].resources.requests.cpu==\"1\")].metadata.name}", "db-0"],
  ["{.items[?(@.metadata.name==@.metadata.name)].metadata.name}", "sample-app-6cd85bd5f-abcde db-0 web-2"],
  ["{true}", "true"],
  ["{1}", "1"],
  ["{1.5}", "1.5"],
  ["{range .items[*]}{@.metadata.name}{\" \"}{end}", "sample-app-6cd85bd5f-abcde db-0 web-2 "],
  ["{.items[0].metadata.name}{\"\\r\\n\"}", "sample-app-6cd85bd5f-abcde\r\n"],
  ["{range .items[*]}{range .spec.containers[*]}{.name},{end};{end}", "app,side,;postgres,;web,;"],
  ["{.items[0].status.conditions[*]}", "{\"status\":\"True\",\"type\":\"Ready\"} {\"status\":\"True\",\"type\":\"PodScheduled\"}"],
  ["{.items[0].spec.containers[*].resources}", "{\"requests\":{\"cpu\":\"100m\",\"memory\":\"64Mi\"}}"],
  ["{.items[0].spec.nodeName} {.items[1].spec.nodeName} {.items[2].spec.nodeName}", "node-1  node-2"],
  ["{.items[*].spec.containers[-1:1].name}", ""],
  ["{.items[*].spec.containers[0:1].name}", "app postgres web"],
  ["{.items[-1:]}", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"creationTimestamp\":\"2024-06-01T10:00:00Z\",\"name\":\"web-2\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"image\":\"httpd\",\"name\":\"web\",\"resources\":{\"requests\":{\"cpu\":\"250m\",\"memory\":\"128Mi\"}}}],\"nodeName\":\"node-2\"},\"status\":{\"conditions\":[{\"status\":\"False\",\"type\":\"Ready\"}],\"containerStatuses\":[{\"name\":\"web\",\"ready\":true,\"restartCount\":0}],\"phase\":\"Running\",\"podIP\":\"10.1.0.7\"}}"],
  ["{.items[-2:].metadata.name}", "db-0 web-2"],
  ["{.items[0, 1].metadata.name}", "sample-app-6cd85bd5f-abcde db-0"],
  ["{.items[0:1,2].metadata.name}", "sample-app-6cd85bd5f-abcde web-2"],
  ["{.items[?( @.status.phase == \"Running\" )].metadata.name}", "sample-app-6cd85bd5f-abcde web-2"],
  ["{.items[?(@)].metadata.name}", "sample-app-6cd85bd5f-abcde db-0 web-2"],
  ["{range .items[?(@.nope)]}{.metadata.name}{end}after", "after"],
  ["{range .items[*]}{range .status.containerStatuses[*]}{.name}{\"/\"}{end}{\"|\"}{end}tail", "app/side/|postgres/|web/|tail"],
  ["{range .items[*]}{.metadata.name}{\"\\n\"}", "sample-app-6cd85bd5f-abcde\ndb-0\nweb-2\n\n"],
  ["{range .items[0:0]}{.metadata.name}{end}x", "x"],
  ["{.items[0].metadata.labels.*}", "sample-app 6cd85bd5f"],
  ["{.kind.*}", "76 105 115 116"],
  ["{.items[*].metadata.labels.app}", "sample-app db"],
  ["{\"tab\\there\"}", "tab\there"],
  ["{'it\\'s'}", "it's"],
  ["a\\tb{\"c\"}", "a\\tbc"],
  ["{range .items[*]}{.metadata.name} {end}{\"\\n\"}", "sample-app-6cd85bd5f-abcde db-0 web-2 \n"],
  ["{.items[0].spec..name}", "app side"],
  ["{..metadata..name}", "sample-app-6cd85bd5f-abcde db-0 web-2"],
  ["{.items[0].metadata.labels['app']['x']}", ""],
  ["{.items[0].metadata.labels['app.x']}", ""],
  ["{.items[*]['metadata']['labels']['app']}", "sample-app db"],
  ["{.items[0].metadata.labels.app\\.x}", ""],
  ["{.items[?(@.metadata.labels.app)].metadata.name}", "sample-app-6cd85bd5f-abcde db-0"],
  ["{.items[?(@.metadata.labels.app==\"db\")].metadata.name}", "db-0"],
  ["{.items[?(@.spec.containers[0].image!=\"httpd\")].metadata.name}", "sample-app-6cd85bd5f-abcde db-0"],
  ["{.items[?(@.status.containerStatuses[0].restartCount<10)].metadata.name}", "sample-app-6cd85bd5f-abcde web-2"],
  ["{.items[?(@.status.containerStatuses[0].restartCount>-1)].metadata.name}", "sample-app-6cd85bd5f-abcde db-0 web-2"],
  ["{.items[?(@.status.containerStatuses[0].ready)].metadata.name}", "sample-app-6cd85bd5f-abcde db-0 web-2"],
  ["{.items[0].metadata.creationTimestamp}", "2024-05-01T10:00:00Z"],
  ["{.items[1].spec.containers[0].resources.requests}", "{\"cpu\":\"1\",\"memory\":\"1Gi\"}"],
  ["{.items[?(@.metadata.name<\"e\")].metadata.name}", "db-0"],
  ["{.items[?(@.metadata.name>=@.status.phase)].metadata.name}", "sample-app-6cd85bd5f-abcde db-0 web-2"],
  ["{range .items[*]}{end}", ""],
  ["{range .items[*]}", ""],
  ["{range}", ""],
  ["{ range .items[*] }{.metadata.name}{ end }", "sample-app-6cd85bd5f-abcdedb-0web-2"],
  ["{.items[0].metadata.name} {.items[0].metadata.nope} end", "sample-app-6cd85bd5f-abcde  end"],
  ["{.items[*].spec.containers[*]['name','image']}", "app side postgres web nginx:1.25 busybox postgres:16 httpd"],
  ["{$}", "{\"apiVersion\":\"v1\",\"items\":[{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{\"note\":\"a\\u003cb\\u0026c\\u003ed\"},\"creationTimestamp\":\"2024-05-01T10:00:00Z\",\"labels\":{\"app\":\"sample-app\",\"pod-template-hash\":\"6cd85bd5f\"},\"name\":\"sample-app-6cd85bd5f-abcde\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"image\":\"nginx:1.25\",\"name\":\"app\",\"ports\":[{\"containerPort\":80}],\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"64Mi\"}}},{\"image\":\"busybox\",\"name\":\"side\"}],\"nodeName\":\"node-1\"},\"status\":{\"conditions\":[{\"status\":\"True\",\"type\":\"Ready\"},{\"status\":\"True\",\"type\":\"PodScheduled\"}],\"containerStatuses\":[{\"name\":\"app\",\"ready\":true,\"restartCount\":3},{\"name\":\"side\",\"ready\":false,\"restartCount\":0}],\"phase\":\"Running\",\"podIP\":\"10.1.0.5\"}},{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"creationTimestamp\":\"2024-04-01T10:00:00Z\",\"labels\":{\"app\":\"db\"},\"name\":\"db-0\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"image\":\"postgres:16\",\"name\":\"postgres\",\"resources\":{\"requests\":{\"cpu\":\"1\",\"memory\":\"1Gi\"}}}]},\"status\":{\"containerStatuses\":[{\"name\":\"postgres\",\"ready\":false,\"restartCount\":10}],\"phase\":\"Pending\"}},{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"creationTimestamp\":\"2024-06-01T10:00:00Z\",\"name\":\"web-2\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"image\":\"httpd\",\"name\":\"web\",\"resources\":{\"requests\":{\"cpu\":\"250m\",\"memory\":\"128Mi\"}}}],\"nodeName\":\"node-2\"},\"status\":{\"conditions\":[{\"status\":\"False\",\"type\":\"Ready\"}],\"containerStatuses\":[{\"name\":\"web\",\"ready\":true,\"restartCount\":0}],\"phase\":\"Running\",\"podIP\":\"10.1.0.7\"}}],\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"\"}}"],
  ["{$.items[0].metadata.name}", "sample-app-6cd85bd5f-abcde"],
  ["{@.kind}", "List"],
  ["{.items[0].*.name}", "sample-app-6cd85bd5f-abcde"],
  ["{range .items[*]}{@}{end}", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{\"note\":\"a\\u003cb\\u0026c\\u003ed\"},\"creationTimestamp\":\"2024-05-01T10:00:00Z\",\"labels\":{\"app\":\"sample-app\",\"pod-template-hash\":\"6cd85bd5f\"},\"name\":\"sample-app-6cd85bd5f-abcde\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"image\":\"nginx:1.25\",\"name\":\"app\",\"ports\":[{\"containerPort\":80}],\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"64Mi\"}}},{\"image\":\"busybox\",\"name\":\"side\"}],\"nodeName\":\"node-1\"},\"status\":{\"conditions\":[{\"status\":\"True\",\"type\":\"Ready\"},{\"status\":\"True\",\"type\":\"PodScheduled\"}],\"containerStatuses\":[{\"name\":\"app\",\"ready\":true,\"restartCount\":3},{\"name\":\"side\",\"ready\":false,\"restartCount\":0}],\"phase\":\"Running\",\"podIP\":\"10.1.0.5\"}}{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"creationTimestamp\":\"2024-04-01T10:00:00Z\",\"labels\":{\"app\":\"db\"},\"name\":\"db-0\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"image\":\"postgres:16\",\"name\":\"postgres\",\"resources\":{\"requests\":{\"cpu\":\"1\",\"memory\":\"1Gi\"}}}]},\"status\":{\"containerStatuses\":[{\"name\":\"postgres\",\"ready\":false,\"restartCount\":10}],\"phase\":\"Pending\"}}{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"creationTimestamp\":\"2024-06-01T10:00:00Z\",\"name\":\"web-2\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"image\":\"httpd\",\"name\":\"web\",\"resources\":{\"requests\":{\"cpu\":\"250m\",\"memory\":\"128Mi\"}}}],\"nodeName\":\"node-2\"},\"status\":{\"conditions\":[{\"status\":\"False\",\"type\":\"Ready\"}],\"containerStatuses\":[{\"name\":\"web\",\"ready\":true,\"restartCount\":0}],\"phase\":\"Running\",\"podIP\":\"10.1.0.7\"}}"],
  ["{range .items[*].metadata}{.name},{end}", "sample-app-6cd85bd5f-abcde,db-0,web-2,"],
  ["{.items[*].metadata.name}{range .items[*]}{.kind}{end}", "sample-app-6cd85bd5f-abcde db-0 web-2PodPodPod"],
  ["{.items[0].spec.containers[0].name}{.items[0].spec.containers[0].image}", "appnginx:1.25"],
  ["{.items[0]}}", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{\"note\":\"a\\u003cb\\u0026c\\u003ed\"},\"creationTimestamp\":\"2024-05-01T10:00:00Z\",\"labels\":{\"app\":\"sample-app\",\"pod-template-hash\":\"6cd85bd5f\"},\"name\":\"sample-app-6cd85bd5f-abcde\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"image\":\"nginx:1.25\",\"name\":\"app\",\"ports\":[{\"containerPort\":80}],\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"64Mi\"}}},{\"image\":\"busybox\",\"name\":\"side\"}],\"nodeName\":\"node-1\"},\"status\":{\"conditions\":[{\"status\":\"True\",\"type\":\"Ready\"},{\"status\":\"True\",\"type\":\"PodScheduled\"}],\"containerStatuses\":[{\"name\":\"app\",\"ready\":true,\"restartCount\":3},{\"name\":\"side\",\"ready\":false,\"restartCount\":0}],\"phase\":\"Running\",\"podIP\":\"10.1.0.5\"}}}"],
  ["{.items[0].metadata.name }", "sample-app-6cd85bd5f-abcde"],
  ["{.items[0] .metadata.name}", "sample-app-6cd85bd5f-abcde"],
  ["{-1}", "-1"],
  ["{.items[0]['a','b']}", ""],
  ["{.items[0]['metadata','kind']}", "{\"annotations\":{\"note\":\"a\\u003cb\\u0026c\\u003ed\"},\"creationTimestamp\":\"2024-05-01T10:00:00Z\",\"labels\":{\"app\":\"sample-app\",\"pod-template-hash\":\"6cd85bd5f\"},\"name\":\"sample-app-6cd85bd5f-abcde\",\"namespace\":\"default\"} Pod"],
  ["{.items[0]['metadata'].name}", "sample-app-6cd85bd5f-abcde"],
  ["{.items[0].metadata.labels.app.nope}", ""],
  ["{.items[*].status.conditions[?(@.type==\"Ready\")]}", "{\"status\":\"True\",\"type\":\"Ready\"} {\"status\":\"False\",\"type\":\"Ready\"}"],
  ["{.items[?(@.status.phase=='Running')].metadata.name}", "sample-app-6cd85bd5f-abcde web-2"],
  ["{.items[?(@.metadata.name==\"a)b\")].metadata.name}", ""],
  ["{range .items[*]}{.kind}{\"\\n\"}", "Pod\nPod\nPod\nList\n"],
  ["{range .items[*]}{.kind}{end}{.kind}", "PodPodPodList"],
  ["{range .items[0:0]}{.kind}{end}{.kind}", "List"],
  ["{range .items[0:0]}{.kind}", "List"],
  ["{range .items[0:0]}{.kind}{\"-\"}{.apiVersion}", "List-v1"],
  ["{range .items[*]}{range .spec.nope[*]}{.x}{end}{.metadata.name},{end}", "sample-app-6cd85bd5f-abcde,db-0,web-2,"],
  ["{range .items[*]}{range .spec.containers[*]}{.name}{end}", "appsidepostgresweb"],
  ["{range .items[*]}{range .spec.containers[*]}{.name},{end}{.kind};", "app,side,Pod;postgres,Pod;web,Pod;List;"],
  ["{range .items[*]}{.metadata.name}{end}{range .items[*]}{.kind}{end}", "sample-app-6cd85bd5f-abcdedb-0web-2PodPodPod"],
  ["{range .kind}{@}{end}", "List"],
  ["{range .items[0]}{.kind}{end}", "Pod"],
  ["{range .items[*].spec.containers[*]}{.name}{end}", "appsidepostgresweb"],
  ["{range .items[?(@.nope)]}{.kind}{end}{range .items[*]}{.kind}{end}", "PodPodPod"],
  ["{range .items[0:0]}{range .items[*]}{.kind}{end}{end}x", "x"],
  ["{range .items[0:0]}{range .items[*]}{.kind}{end}x{end}y", "y"],
  ["{range .items[*]}{range .items[*]}{.kind}{end}x{end}y", "xxxy"],
  ["{range .items[0:1]}{range .spec.nope[*]}{.kind}{end}A{end}B", "AB"],
  ["{range .items[0:1]}{range .spec.nope[*]}{.kind}{end}A{end}B{.kind}", "ABList"],
  ["{range .items[0:2]}{range .spec.nope[*]}{.kind}{end}A{end}B{.kind}", "AABList"],
  ["{range .items[0:2]}{.metadata.name}{range .spec.nope[*]}{.kind}{end}A{end}B{.kind}", "sample-app-6cd85bd5f-abcdeAdb-0ABList"],
  ["{range .items[0:2]}{.metadata.name}{range .spec.containers[*]}{.name}{end}A{end}B{.kind}", "sample-app-6cd85bd5f-abcdeappsideAdb-0postgresABList"],
  ["{.kind}{range .items[0:0]}{.kind}{end}{.apiVersion}", "Listv1"],
  ["{range .nope}{.kind}{end}z", "z"],
  ["{range .items[*]}{.metadata.name}{\"\\n\"}{end}{range .items[0:0]}{end}", "sample-app-6cd85bd5f-abcde\ndb-0\nweb-2\n"],
  ["{range .items[*]}{@.kind}{end}", "PodPodPod"],
  ["{range .items[0:0]}{end}{range .items[0:0]}{end}w", "w"],
  ["{range .items[0:2]}{range .spec.containers[*]}{.name}{end}{end}{.kind}", "appsidepostgresList"],
  ["{range .items[*]}{.spec.containers[*].name}{range .spec.containers[*]}{.image}{end}|{end}", "app sidenginx:1.25busybox|postgrespostgres:16|webhttpd|"],
];

const errors: [template: string, message: string][] = [
  ["{.items[5:7]}", "array index out of bounds: index 5, length 3"],
  ["{.items[0:10]}", "array index out of bounds: index 9, length 3"],
  ["{.items[-4]}", "array index out of bounds: index -1, length 3"],
  ["{.items[?(@.status.containerStatuses[*].ready==true)].metadata.name}", "can only compare one element at a time"],
  ["{.kind[0]}", "string is not array or slice"],
  ["{.items[0].metadata.labels[0]}", "map[string]interface {} is not array or slice"],
  ["{.items[*].metadata.labels[?(@.x)]}", "map[app:sample-app pod-template-hash:6cd85bd5f] is not array or slice and cannot be filtered"],
  ["{end}", "not in range, nothing to end"],
  ["{.items[x]}", "invalid array index x"],
  ["{.items[1:2:0]}", "step must be > 0"],
  ["{.items[a:b]}", "invalid array index a:b"],
  ["{.items[0}", "unterminated array"],
  ["{.items[?(@.a==\"b\"}", "unterminated filter"],
  ["{\"unterminated}", "unterminated quoted string"],
  ["{.a.b,c}", "unrecognized character in action: U+002C ','"],
  ["{#}", "unrecognized character in action: U+0023 '#'"],
  ["}{{.kind}", "unrecognized character in action: U+007B '{'"],
  ["{.items[*].metadata.name", "unclosed action"],
  ["{range .items[*]}{.metadata.name}{end}{end}", "not in range, nothing to end"],
  ["{.items[?(@.status.containerStatuses[0].restartCount>2.5)].metadata.name}", "incompatible types for comparison"],
  ["{.items[?(@.status.containerStatuses[0].restartCount==\"3\")].metadata.name}", "incompatible types for comparison"],
  ["{.items[+1].metadata.name}", "invalid array index +1"],
  ["{.items[2:1]}", "starting index 2 is greater than ending index 1"],
  ["{.items[0:-5]}", "array index out of bounds: index -3, length 3"],
  ["{.items[::-1]}", "step must be > 0"],
  ["{.items[ 0 ].metadata.name}", "invalid array index  0 "],
  ["{.items[?(@.status.phase=~\"Run\")].metadata.name}", "unrecognized character in action: U+007E '~'"],
  ["{\"\\q\"}", "unquote string \"\\q\" error invalid syntax"],
  ["{.items[0][*]}", "map[string]interface {} is not array or slice"],
  ["{.items[0].metadata.labels[*]}", "map[string]interface {} is not array or slice"],
  ["{=}", "unrecognized character in action: U+003D '='"],
  ["{{.kind}}", "unrecognized character in action: U+007B '{'"],
  ["{.a b}", "unrecognized identifier b"],
  ["{1.2.3}", "cannot parse number 1.2.3"],
  ["{.items[1a]}", "invalid array index 1a"],
  ["{.items[1:2:3:4]}", "invalid array index 1:2:3:4"],
  ["{.items[0][\"metadata\"]}", "invalid array index \"metadata\""],
  ["{.items[?(@.status.conditions[?(@.type==\"Ready\")].status==\"True\")].metadata.name}", "unterminated filter"],
  ["{range .items[0:0]}{.kind}{end}{end}", "not in range, nothing to end"],
];

function run(template: string, data: unknown = podList, allowMissingKeys = true): string {
  return executeJsonPath(parseJsonPath(template), data, { allowMissingKeys });
}

function failure(template: string, data: unknown = podList, allowMissingKeys = true): string {
  try {
    run(template, data, allowMissingKeys);
  } catch (e) {
    expect(e).toBeInstanceOf(JsonPathError);
    return (e as Error).message;
  }
  throw new Error(`expected ${template} to fail`);
}

describe('jsonpath output matches kubectl v1.32', () => {
  it.each(outputs)('%s', (template, output) => {
    expect(run(template)).toBe(output);
  });
});

describe('jsonpath errors match kubectl v1.32', () => {
  it.each(errors)('%s', (template, message) => {
    expect(failure(template)).toBe(message);
  });
});

describe('missing keys', () => {
  // Outputs of `kubectl get pods --allow-missing-template-keys=false -o jsonpath=...`.
  it('reports the first key that matched nothing', () => {
    expect(failure('{.items[0].metadata.nope}', podList, false)).toBe('nope is not found');
    expect(failure('{.items[?(@.metadata.labels.app=="db")].metadata.name}', podList, false)).toBe('labels is not found');
    expect(failure('{range .items[*]}{.status.podIP}{"\\n"}{end}', podList, false)).toBe('podIP is not found');
  });
  it('is satisfied when any input has the key', () => {
    expect(run('{.items[*].metadata.labels.app}', podList, false)).toBe('sample-app db');
    expect(run('{.items[?(@.spec.nodeName)].metadata.name}', podList, false)).toBe('sample-app-6cd85bd5f-abcde web-2');
    expect(run('{.items[0].spec.containers[*].ports[*].containerPort}', podList, false)).toBe('80');
  });
  it('defaults to strict like client-go', () => {
    expect(() => executeJsonPath(parseJsonPath('{.nope}'), {})).toThrow('nope is not found');
  });
});

describe('keys with dots and slashes', () => {
  const cm = { metadata: { labels: { 'app.kubernetes.io/name': 'web', team: 'a' } } };
  it('need escaped dots, as in kubectl', () => {
    expect(run('{.metadata.labels.app\\.kubernetes\\.io/name}', cm)).toBe('web');
    expect(run("{.metadata.labels['app\\.kubernetes\\.io/name']}", cm)).toBe('web');
  });
  it('are split on their dots inside brackets, as kubectl does', () => {
    expect(run("{.metadata.labels['app.kubernetes.io/name']}", cm)).toBe('');
    expect(run("{['metadata']['labels']['team']}", cm)).toBe('a');
  });
});

describe('value printing', () => {
  // kubectl printed these for a ConfigMap carrying the values under .x.
  const nums = {
    a: 0.5, b: 1e21, c: 1000000.5, d: 1e-7, e: 123456789.123, f: 1.0, g: 12345678, h: 1e20, i: true, j: null,
    k: [1, 'two', null, { z: 1, y: [] }], l: {}, m: 'esc\u001b\r\nend', n: -0.00001, o: 2.5e-5, q: 9007199254740992,
  };
  it('prints scalars as fmt.Print does', () => {
    const got = Object.keys(nums).map((k) => run(`{.${k}}`, nums));
    expect(got).toEqual([
      '0.5', '1e+21', '1.0000005e+06', '1e-07', '1.23456789123e+08', '1', '12345678', '1e+20', 'true', 'null',
      '[1,"two",null,{"y":[],"z":1}]', '{}', 'esc\u001b\r\nend', '-1e-05', '2.5e-05', '9007199254740992',
    ]);
  });
  it('marshals maps like encoding/json', () => {
    expect(run('{@}', nums)).toBe(
      '{"a":0.5,"b":1e+21,"c":1000000.5,"d":1e-7,"e":123456789.123,"f":1,"g":12345678,"h":100000000000000000000,' +
        '"i":true,"j":null,"k":[1,"two",null,{"y":[],"z":1}],"l":{},"m":"esc\\u001b\\r\\nend","n":-0.00001,"o":0.000025,' +
        '"q":9007199254740992}',
    );
    expect(goJson({ k: 'ctl\b\f\u0001<&>\u2028x', n: '1' })).toBe(
      '{"k":"ctl\\b\\f\\u0001\\u003c\\u0026\\u003e\\u2028x","n":"1"}',
    );
  });
  it('formats like fmt.Sprint for custom columns', () => {
    expect(goSprint({ b: [1, 'x', null], a: { c: 0.5 } })).toBe('map[a:map[c:0.5] b:[1 x <nil>]]');
    expect(goSprint([])).toBe('[]');
    expect(goSprint({})).toBe('map[]');
    expect(formatGoFloat(100000.5)).toBe('100000.5');
    expect(formatGoFloat(0.0001)).toBe('0.0001');
    expect(formatGoFloat(-0)).toBe('-0');
  });
  it('formats like %#v for template failures', () => {
    // The part of kubectl's "object given to jsonpath engine was:" for the second pod's status.
    expect(goSyntax(podList.items[1].status)).toBe(
      'map[string]interface {}{"containerStatuses":[]interface {}{map[string]interface {}{"name":"postgres", "ready":false, "restartCount":10}}, "phase":"Pending"}',
    );
    expect(goSyntax({ a: null, b: 'x"<y>\\n', c: [] })).toBe(
      'map[string]interface {}{"a":interface {}(nil), "b":"x\\"<y>\\\\n", "c":[]interface {}{}}',
    );
    expect(goQuote('tab\there\u0001é')).toBe('"tab\\there\\x01é"');
  });
  it('iterates the bytes of a string for a wildcard', () => {
    expect(run('{.kind.*}')).toBe('76 105 115 116');
  });
});

describe('templates', () => {
  it('are parsed once and executed many times', () => {
    const t = parseJsonPath('{range .items[*]}{.metadata.name},{end}');
    expect(executeJsonPath(t, podList)).toBe('sample-app-6cd85bd5f-abcde,db-0,web-2,');
    expect(executeJsonPath(t, { items: [{ metadata: { name: 'x' } }] })).toBe('x,');
    expect(t.source).toBe('{range .items[*]}{.metadata.name},{end}');
  });
  it('keep text outside actions literal, backslashes included', () => {
    expect(run('a\\tb{"\\t"}c')).toBe('a\\tb\tc');
  });
  it('give one result list per action and range iteration', () => {
    const results = findJsonPathResults(parseJsonPath('{.kind} {range .items[0:2]}{.metadata.name}{end}'), podList);
    expect(results).toEqual([['List'], [' '], ['sample-app-6cd85bd5f-abcde'], ['db-0']]);
  });
  it('report parse errors with client-go wording', () => {
    expect(() => parseJsonPath('{,}')).toThrow("unrecognized character in action: U+002C ','");
    expect(() => parseJsonPath("{.items[0]'x}")).toThrow('unterminated quoted string');
    expect(() => parseJsonPath('{\t}')).toThrow('unrecognized character in action: U+0009');
    expect(() => parseJsonPath('{....}')).toThrow('invalid multiple recursive descent');
    expect(() => parseJsonPath('{.a[-]}')).toThrow('array index - is not a number');
    expect(() => parseJsonPath('{.a[?(@.x=="y")}')).toThrow('unclosed array expect ]');
    expect(() => parseJsonPath('{"\\\\"}')).toThrow('unterminated quoted string');
  });
  it('compare filter operands with text/template rules', () => {
    const data = { a: [{ v: 'x', n: 2, f: 1.5, b: true, o: {} }] };
    expect(failure('{.a[?(@.f>1)].v}', data)).toBe('incompatible types for comparison');
    expect(failure('{.a[?(@.n>1.0)].v}', data)).toBe('incompatible types for comparison');
    expect(run('{.a[?(@.f>1.0)].v}', data)).toBe('x');
    expect(failure('{.a[?(@.b<true)].v}', data)).toBe('invalid type for comparison');
    expect(failure('{.a[?(@.o=="x")].v}', data)).toBe('invalid type for comparison');
    expect(run('{.a[?(@.b==true)].v}', data)).toBe('x');
    expect(run('{.a[?(@.n>=2)].v}{.a[?(@.n!=2)].v}', data)).toBe('x');
  });
  it('reject unknown identifiers when executed', () => {
    expect(() => parseJsonPath('{é}')).not.toThrow();
    expect(failure('{é}')).toBe('unrecognized identifier é');
  });
  it('report the first input that is not a list', () => {
    expect(failure('{.x[?(@.a)]}', { x: null })).toBe('<nil> is not array or slice and cannot be filtered');
    expect(failure('{.x[0]}', { x: 1.5 })).toBe('float64 is not array or slice');
    expect(run('{.x[0]}', { x: null })).toBe('');
  });
});

describe('relaxedJsonPathExpression', () => {
  it('accepts the four spellings', () => {
    for (const e of ['metadata.name', '.metadata.name', '{metadata.name}', '{.metadata.name}']) {
      expect(relaxedJsonPathExpression(e)).toBe('{.metadata.name}');
    }
    expect(relaxedJsonPathExpression('')).toBe('');
    expect(relaxedJsonPathExpression('.items[*].x')).toBe('{.items[*].x}');
  });
  it('rejects templates with several actions', () => {
    expect(() => relaxedJsonPathExpression('{.a}{.b}')).toThrow(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  });
});

describe('properties', () => {
  it('{@} prints objects as their JSON and strings bare', () => {
    assertProperty(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (v) => {
        const out = run('{@}', v);
        if (v !== null && typeof v === 'object') expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(v)));
        else if (typeof v === 'string') expect(out).toBe(v);
      }),
    );
  });
  it('a dotted path finds what property access finds', () => {
    const key = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_-]{0,8}$/).filter((k) => k !== 'true' && k !== 'false');
    assertProperty(
      fc.property(fc.array(key, { minLength: 1, maxLength: 4 }), fc.string(), (path, leaf) => {
        const data: Record<string, unknown> = {};
        let cur = data;
        path.forEach((k, i) => {
          const next: Record<string, unknown> = {};
          cur[k] = i === path.length - 1 ? leaf : next;
          cur = next;
        });
        expect(run(`{.${path.join('.')}}`, data)).toBe(leaf);
      }),
    );
  });
  it('slices agree with Array.prototype.slice inside bounds', () => {
    assertProperty(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 20 }), fc.nat(), fc.nat(), (xs, a, b) => {
        const start = a % xs.length;
        const end = start + (b % (xs.length - start + 1));
        const got = findJsonPathResults(parseJsonPath(`{.x[${start}:${end}]}`), { x: xs })[0] ?? [];
        expect(got).toEqual(xs.slice(start, end));
      }),
    );
  });
});
