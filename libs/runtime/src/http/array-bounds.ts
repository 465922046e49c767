import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { FieldProblem } from './problem-details';

/** The name class-validator registers `@ArrayMaxSize` under. */
const ARRAY_MAX_SIZE = 'arrayMaxSize';

/**
 * Every `@ArrayMaxSize` of a DTO instance (already built by class-transformer) and of the
 * nested DTOs inside it, checked before class-validator runs the nested rules. class-validator
 * validates every element of an array before it looks at the array's size, so 100,000 empty
 * checklist items once cost 5–12 s, a gigabyte and a 96 MB answer; here the oversized array is
 * refused after one comparison, and nested arrays are only visited inside bounded parents.
 */
export function arrayBoundViolations(instance: object, path = ''): FieldProblem[] {
  const metadatas = rulesOf(instance.constructor);
  const problems: FieldProblem[] = [];
  const fields = instance as Record<string, unknown>;
  for (const rule of metadatas) {
    if (rule.name !== ARRAY_MAX_SIZE) continue;
    const value = fields[rule.propertyName];
    const max = Number(rule.constraints[0]);
    if (Array.isArray(value) && value.length > max) {
      problems.push({
        field: join(path, rule.propertyName),
        rule: ARRAY_MAX_SIZE,
        message: `${rule.propertyName} must contain no more than ${max} elements`,
      });
    }
  }
  if (problems.length > 0) return problems;
  for (const rule of metadatas) {
    if (rule.type !== ValidationTypes.NESTED_VALIDATION) continue;
    const value = fields[rule.propertyName];
    const at = join(path, rule.propertyName);
    if (Array.isArray(value)) {
      value.forEach((element, index) => {
        if (isObject(element)) problems.push(...arrayBoundViolations(element, `${at}[${index}]`));
      });
    } else if (isObject(value)) {
      problems.push(...arrayBoundViolations(value, at));
    }
  }
  return problems;
}

/** What `getMetadataStorage()` answers per rule (its class is not exported by the package). */
type ValidationMetadata = ReturnType<
  ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']
>[number];

const rulesCache = new Map<unknown, readonly ValidationMetadata[]>();

/** The validation rules of a DTO class (its own and inherited), looked up once per class. */
function rulesOf(type: unknown): readonly ValidationMetadata[] {
  if (typeof type !== 'function' || type === Object) return [];
  let rules = rulesCache.get(type);
  if (rules === undefined) {
    rules = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
    rulesCache.set(type, rules);
  }
  return rules;
}

function join(path: string, property: string): string {
  return path === '' ? property : `${path}.${property}`;
}

function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}
