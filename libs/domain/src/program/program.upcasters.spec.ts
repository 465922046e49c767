import { programUpcasters } from './program.upcasters';

describe('Program upcasters', () => {
  it('ProgramCreated v1 (no manager at creation) reads as v2 with managerId null, nothing else changed', () => {
    const [step] = programUpcasters;
    const v1 = {
      programId: 'p1',
      name: 'Rollout',
      customer: { id: 'c1', name: 'Telco' },
      createdBy: 'alice',
    };
    expect(step).toMatchObject({ type: 'ProgramCreated', fromVersion: 1 });
    expect(step!.upcast(v1)).toEqual({ ...v1, managerId: null });
  });
});
