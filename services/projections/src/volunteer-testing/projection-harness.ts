import { EventEnvelope } from '@kinship/contracts';
import { Collection, Document } from '@kinship/documents';
import { Projection, ProjectionContext } from '../projection/projection';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';
import { VolunteeringWriter } from './volunteering-writer';

/**
 * Runs one projection by hand over fresh collections, for the specs of volunteering's read models: `project()`
 * applies, in log order, every event of its categories appended since the last call; `again()` applies them a
 * second time, as a redelivery would.
 */
export class ProjectionHarness {
  private applied = 0;
  private last: EventEnvelope[] = [];
  private readonly byName = new Map<string, Collection>();
  private static runs = 0;

  private constructor(
    private readonly infra: TestInfrastructure,
    readonly projection: Projection,
  ) {}

  static async open(infra: TestInfrastructure, projection: Projection): Promise<ProjectionHarness> {
    ProjectionHarness.runs += 1;
    const harness = new ProjectionHarness(infra, projection);
    for (const name of Object.keys(projection.collections)) {
      harness.byName.set(name, await infra.documents.collection(`spec-${projection.name}-${ProjectionHarness.runs}.${name}`));
    }
    harness.applied = await infra.events.headPosition();
    return harness;
  }

  collection<T extends Document>(name: string): Collection<T> {
    return this.byName.get(name) as unknown as Collection<T>;
  }

  async project(): Promise<void> {
    this.last = await this.infra.events.readAll({ fromPosition: this.applied, categories: this.projection.categories, limit: 10_000 });
    for (const event of this.last) await this.projection.apply(event, this.context());
    this.applied = await this.infra.events.headPosition();
  }

  async again(): Promise<void> {
    for (const event of this.last) await this.projection.apply(event, this.context());
  }

  private context(): ProjectionContext {
    return { collection: <T extends Document>(name: string) => this.collection<T>(name) };
  }
}

export interface ProjectionSpecContext {
  infra(): TestInfrastructure;
  write(): VolunteeringWriter;
  harness(): ProjectionHarness;
}

/**
 * Registers the hooks of a projection spec file: real infrastructure for the file, closed after it, and fresh
 * collections for each test, so the log the tests share does not leak between them.
 */
export function projectionSpec(make: (infra: TestInfrastructure) => Projection): ProjectionSpecContext {
  let infra: TestInfrastructure | undefined;
  let writer: VolunteeringWriter | undefined;
  let harness: ProjectionHarness | undefined;
  beforeAll(async () => {
    infra = await openTestInfrastructure();
    writer = new VolunteeringWriter(infra.events, infra.cipher);
  });
  afterAll(async () => {
    await infra?.close();
  });
  beforeEach(async () => {
    const opened = required(infra);
    harness = await ProjectionHarness.open(opened, make(opened));
  });
  return { infra: () => required(infra), write: () => required(writer), harness: () => required(harness) };
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('The projection spec has not started yet');
  return value;
}
