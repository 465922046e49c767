import type { Reaction } from '../reaction';
import { contractFulfilsObligationOnCertificate } from './contract-fulfils-obligation-on-certificate.reaction';
import { projectRecordsFinalAcceptance } from './project-records-final-acceptance.reaction';

/** Reactions to acceptance events (one file each beside this one). */
export const acceptanceReactions: readonly Reaction[] = [
  contractFulfilsObligationOnCertificate,
  projectRecordsFinalAcceptance,
];
