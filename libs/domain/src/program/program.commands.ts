import type { Command } from '../shared';
import type { CustomerRef } from './program.events';

export type CreateProgram = Command<
  'CreateProgram',
  {
    readonly programId: string;
    readonly name: string;
    readonly customer: CustomerRef;
    readonly managerId: string | null;
  }
>;
export type AttachProjectToProgram = Command<
  'AttachProjectToProgram',
  {
    readonly projectId: string;
    /** Looked up by the caller: the program the project already belongs to, if any. */
    readonly projectCurrentProgramId: string | null;
  }
>;
export type DetachProjectFromProgram = Command<
  'DetachProjectFromProgram',
  { readonly projectId: string; readonly reason: string }
>;
export type AssignProgramManager = Command<'AssignProgramManager', { readonly managerId: string }>;
export type CloseProgram = Command<
  'CloseProgram',
  {
    readonly reason: string;
    /** Looked up by the caller: attached projects that are not closed yet. */
    readonly openProjectIds: readonly string[];
  }
>;

export type ProgramCommand =
  | CreateProgram
  | AttachProjectToProgram
  | DetachProjectFromProgram
  | AssignProgramManager
  | CloseProgram;
