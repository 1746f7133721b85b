// The EXTERNAL-IP of a Service and the ADDRESS of an Ingress, as the server's table printer
// renders a load balancer's status.

/** loadBalancerStatusStringer: the sorted addresses, clipped to 16 characters outside -o wide. */
export function loadBalancerText(addresses: string[], wide: boolean): string {
  const r = [...new Set(addresses)].sort().join(',');
  return !wide && r.length > LOAD_BALANCER_WIDTH ? `${r.slice(0, LOAD_BALANCER_WIDTH - 3)}...` : r;
}

const LOAD_BALANCER_WIDTH = 16;
