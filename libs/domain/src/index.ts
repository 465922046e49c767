export * from './shared';
export * from './aggregates';
