import { getMetadataStorage, ValidationTypes, type ValidatorOptions } from 'class-validator';
import { cacheValidationMetadata, rulesGeneration } from './validation-metadata-cache';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type Rule = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

/** One property's rules, sorted as class-validator's executor sorts them. */
interface PropertyRules {
  readonly defined: readonly Rule[];
  readonly conditional: readonly Rule[];
  readonly custom: readonly Rule[];
  readonly nested: readonly Rule[];
}

/** A class's rules by property, or `undefined` when a rule is one this check does not mirror. */
type ClassRules = ReadonlyMap<string, PropertyRules> | undefined;

/** The rule kinds mirrored here; a class with any other (promise validation) is always left to class-validator. */
const MIRRORED: ReadonlySet<string> = new Set([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.WHITELIST,
  ValidationTypes.NESTED_VALIDATION,
]);

/**
 * Whether `object` (a DTO built by class-transformer) passes every class-validator rule of its
 * class under `options`, decided by running the same rules the same way class-validator's
 * executor does (conditions, IsDefined, custom constraints with `each`, nested objects and
 * arrays, the whitelist, unknown values) but without building its error tree, its per-call
 * executor and metadata grouping, and its promise chain: the validation pipe was ~5.5 % of a
 * command's CPU (http-commands profile), most of it that machinery, not the rules.
 *
 * It only ever answers `true` when class-validator would find no error; `false` means "not
 * sure": the caller then runs class-validator itself, so every 400 answer (fields, rules,
 * messages, order) is class-validator's, as before. Not sure: options it does not mirror
 * (groups, skip*, stopAtFirstError, whitelist without forbidNonWhitelisted), async
 * constraints, promise validation, any rule that fails.
 */
export function passesEveryRule(
  object: object,
  options: ValidatorOptions,
  storage: MetadataStorage = getMetadataStorage(),
): boolean {
  if (!mirrored(options)) return false;
  return new RuleCheck(storage, compiledRules(storage)).passes(object, undefined);
}

function mirrored(options: ValidatorOptions): boolean {
  return (
    options.whitelist === true &&
    options.forbidNonWhitelisted === true &&
    options.forbidUnknownValues !== false &&
    options.groups === undefined &&
    options.always !== true &&
    options.strictGroups !== true &&
    options.skipMissingProperties !== true &&
    options.skipNullProperties !== true &&
    options.skipUndefinedProperties !== true &&
    options.stopAtFirstError !== true
  );
}

type CompiledRules = WeakMap<object, Map<string, ClassRules>>;

/** Rules per class and schema, grouped once; forgotten when a rule is added to the storage. */
const compiled = new WeakMap<MetadataStorage, { generation: number; rules: CompiledRules }>();

function compiledRules(storage: MetadataStorage): CompiledRules {
  // Installs the generation count (and class-validator's own memo) if the pipe has not yet.
  cacheValidationMetadata(storage);
  const generation = rulesGeneration(storage);
  let entry = compiled.get(storage);
  if (entry?.generation !== generation) {
    entry = { generation, rules: new WeakMap() };
    compiled.set(storage, entry);
  }
  return entry.rules;
}

class RuleCheck {
  constructor(
    private readonly storage: MetadataStorage,
    private readonly compiled: CompiledRules,
  ) {}

  /** ValidationExecutor.execute: the whitelist, then each property's rules. */
  passes(object: object, schema: string | undefined): boolean {
    const rules = this.rulesOf(object.constructor, schema);
    // No rules at all: forbidUnknownValues refuses it; a rule not mirrored: not sure.
    if (rules === undefined || rules.size === 0) return false;
    for (const key of Object.keys(object)) if (!rules.has(key)) return false;
    for (const [property, propertyRules] of rules) {
      if (
        !this.propertyPasses(object, (object as Record<string, unknown>)[property], propertyRules)
      )
        return false;
    }
    return true;
  }

  /** ValidationExecutor.performValidations with none of the skip options. */
  private propertyPasses(object: object, value: unknown, rules: PropertyRules): boolean {
    // Every condition is evaluated, as class-validator does (map, then reduce).
    let validate = true;
    for (const rule of rules.conditional) {
      const condition = rule.constraints[0] as (object: object, value: unknown) => boolean;
      validate = condition(object, value) && validate;
    }
    if (!validate) return true;
    return (
      this.customPasses(object, value, rules.defined) &&
      this.customPasses(object, value, rules.custom) &&
      this.nestedPasses(value, rules.nested)
    );
  }

  /** ValidationExecutor.customValidations: each constraint's validate, on each element with `each`. */
  private customPasses(object: object, value: unknown, rules: readonly Rule[]): boolean {
    for (const rule of rules) {
      for (const constraint of this.storage.getTargetValidatorConstraints(rule.constraintCls)) {
        const args = {
          targetName: (object.constructor as { name?: string } | undefined)?.name,
          property: rule.propertyName,
          object,
          value,
          constraints: rule.constraints,
        };
        const validator = constraint.instance;
        // A promise (an async rule) or a failed rule: not sure.
        if (rule.each && (Array.isArray(value) || value instanceof Set || value instanceof Map)) {
          for (const element of Array.isArray(value) ? value : value.values())
            if (validator.validate(element, args as never) !== true) return false;
        } else if (validator.validate(value, args as never) !== true) return false;
      }
    }
    return true;
  }

  /** ValidationExecutor.nestedValidations. */
  private nestedPasses(value: unknown, rules: readonly Rule[]): boolean {
    if (value === undefined || rules.length === 0) return true;
    for (const rule of rules) {
      if (Array.isArray(value) || value instanceof Set || value instanceof Map) {
        // Each element is checked against the nested rules alone (no conditions, no custom).
        const elements = value instanceof Set ? [...value] : [...value.values()];
        for (const element of elements)
          if (!this.nestedPasses(element, [rule]) || element === undefined) return false;
      } else if (value instanceof Object) {
        const schema = typeof rule.target === 'string' ? rule.target : rule.target.name;
        if (!this.passes(value, schema)) return false;
      } else {
        return false;
      }
    }
    return true;
  }

  private rulesOf(target: unknown, schema: string | undefined): ClassRules {
    if (typeof target !== 'function') return undefined;
    let bySchema = this.compiled.get(target);
    if (bySchema === undefined)
      this.compiled.set(target, (bySchema = new Map<string, ClassRules>()));
    const key = schema ?? '';
    if (bySchema.has(key)) return bySchema.get(key);
    const rules = this.compile(target, schema);
    bySchema.set(key, rules);
    return rules;
  }

  private compile(target: object, schema: string | undefined): ClassRules {
    const all = this.storage.getTargetValidationMetadatas(
      target as never,
      schema as string,
      false,
      false,
      undefined,
    );
    if (all.some((rule) => !MIRRORED.has(rule.type))) return undefined;
    for (const rule of all) {
      if (
        rule.type !== ValidationTypes.CUSTOM_VALIDATION &&
        rule.type !== ValidationTypes.IS_DEFINED
      )
        continue;
      if (this.storage.getTargetValidatorConstraints(rule.constraintCls).some((c) => c.async))
        return undefined;
    }
    const grouped = this.storage.groupByPropertyName(all);
    const rules = new Map<string, PropertyRules>();
    for (const [property, list] of Object.entries(grouped)) {
      if (list.length === 0) continue;
      const others = list.filter(
        (rule) =>
          rule.type !== ValidationTypes.IS_DEFINED && rule.type !== ValidationTypes.WHITELIST,
      );
      rules.set(property, {
        defined: list.filter((rule) => rule.type === ValidationTypes.IS_DEFINED),
        conditional: others.filter((rule) => rule.type === ValidationTypes.CONDITIONAL_VALIDATION),
        custom: others.filter((rule) => rule.type === ValidationTypes.CUSTOM_VALIDATION),
        nested: others.filter((rule) => rule.type === ValidationTypes.NESTED_VALIDATION),
      });
    }
    return rules;
  }
}
