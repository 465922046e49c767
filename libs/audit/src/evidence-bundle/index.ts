export * from './evidence-bundle-lines';
export * from './bundle-scope-membership';
export * from './inclusion-proof-collector';
export * from './export-evidence-bundle';
export * from './verify-evidence-bundle';
