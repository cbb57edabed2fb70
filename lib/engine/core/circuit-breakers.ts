import { circuitBreaker, CircuitState, ConsecutiveBreaker, handleWhen, type CircuitBreakerPolicy } from "cockatiel";
import { classifyError } from "./errors";

export type TBreakerSettings = { consecutiveFailures: number; halfOpenAfterMs: number };

/**
 * One breaker per target endpoint, shared by every flow in the process, so a dead target stops
 * taking traffic from all of them. Only transient errors count: a 400 says nothing about health.
 */
export class CircuitBreakers {
  private readonly breakers = new Map<string, CircuitBreakerPolicy>();

  get(endpoint: string, settings: TBreakerSettings): CircuitBreakerPolicy {
    let breaker = this.breakers.get(endpoint);
    if (!breaker) {
      breaker = circuitBreaker(
        handleWhen((e) => classifyError(e) === "transient"),
        { halfOpenAfter: settings.halfOpenAfterMs, breaker: new ConsecutiveBreaker(settings.consecutiveFailures) },
      );
      this.breakers.set(endpoint, breaker);
    }
    return breaker;
  }

  /** Endpoint → "closed" | "open" | "half_open" | "isolated", for metrics and the portal. */
  states(): Record<string, string> {
    const names: Record<number, string> = {
      [CircuitState.Closed]: "closed",
      [CircuitState.Open]: "open",
      [CircuitState.HalfOpen]: "half_open",
      [CircuitState.Isolated]: "isolated",
    };
    return Object.fromEntries([...this.breakers].map(([k, b]) => [k, names[b.state]]));
  }
}
