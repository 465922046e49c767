/**
 * @ledger/delivery-history: a realistic, deterministic delivery history written through the real
 * command path, the workload of the benchmarks (bench/) and of the read-model tests.
 */
export * from './delivery-history';
export { Rng } from './delivery-simulation';
