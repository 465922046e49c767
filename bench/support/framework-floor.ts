import type autocannon from 'autocannon';
import { round } from './bench-report';

/**
 * The fields a JSON line gets for the framework floor (the api's FrameworkFloorModule: a route
 * with its twin's guards, pipes and checks, answered without the work) measured beside the raw
 * no-op and ours: the floor's rate and p99, `floorRatio` (floor / no-op: the most any route
 * through our pipeline could score against the no-op) and `ofFloor` (ours / floor: what the
 * work itself costs).
 */
export function frameworkFloor(
  floor: autocannon.Result,
  noop: autocannon.Result,
  ours: autocannon.Result,
): Record<string, number> {
  return {
    frameworkFloor: round(floor.requests.average),
    frameworkFloorP99Ms: floor.latency.p99,
    floorRatio: round(floor.requests.average / noop.requests.average, 3),
    ofFloor: round(ours.requests.average / floor.requests.average, 3),
  };
}
