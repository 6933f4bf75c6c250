import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type Lookup = MetadataStorage['getTargetValidationMetadatas'];
type ValidationMetadata = ReturnType<Lookup>[number];

const memoized = new WeakSet<MetadataStorage>();

/**
 * Remembers class-validator's answer to "which rules apply to this class": it recomputes it for every object it
 * validates, scanning every decorated class of the process for superclasses (hundreds, with every service in one
 * process), which made it the costliest step of validating a request body. The rules change only when a class is
 * declared (decorators run), which forgets everything remembered. Answers are shared, so nothing may change them;
 * class-validator and Nest's ValidationPipe only read them.
 */
export function memoizeValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  if (memoized.has(storage)) return;
  memoized.add(storage);
  const lookUp: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const groupByPropertyName = storage.groupByPropertyName.bind(storage);
  const addValidationMetadata = storage.addValidationMetadata.bind(storage);
  let answers = new Map<unknown, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();

  storage.addValidationMetadata = (metadata) => {
    answers = new Map();
    grouped = new WeakMap();
    addValidationMetadata(metadata);
  };
  storage.getTargetValidationMetadatas = (targetConstructor, targetSchema, always, strictGroups, groups) => {
    const key = `${targetSchema}\u0000${always}\u0000${strictGroups}\u0000${groups === undefined ? '-' : groups.join('\u0000')}`;
    let byKey = answers.get(targetConstructor);
    if (!byKey) {
      byKey = new Map();
      answers.set(targetConstructor, byKey);
    }
    let answer = byKey.get(key);
    if (!answer) {
      answer = lookUp(targetConstructor, targetSchema, always, strictGroups, groups);
      byKey.set(key, answer);
    }
    return answer;
  };
  storage.groupByPropertyName = (metadata) => {
    let byProperty = grouped.get(metadata);
    if (!byProperty) {
      byProperty = groupByPropertyName(metadata);
      grouped.set(metadata, byProperty);
    }
    return byProperty;
  };
}
