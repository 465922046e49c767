export * from './acceptance.reactions';
export * from './handover.reactions';
export * from './project.reactions';
export * from './all-reactions';
