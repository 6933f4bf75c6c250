import { deadLetterTopic, eventsTopic, groupOfDeadLetterTopic, replayTopic, routeByContext, UnroutedCategoryError } from './topics';

describe('Kafka topic names', () => {
  describe('when categories are routed by context', () => {
    it("sends every category of a context to that context's events topic", () => {
      const topicFor = routeByContext({ registry: ['resident', 'household'], brokerage: ['lease'] });

      expect(['resident', 'household', 'lease'].map(topicFor)).toEqual(['registry.events.v1', 'registry.events.v1', 'brokerage.events.v1']);
    });

    it('refuses a category that no context names, rather than guessing a topic', () => {
      const topicFor = routeByContext({ registry: ['resident'] });

      expect(() => topicFor('case')).toThrow(UnroutedCategoryError);
    });

    it('refuses a category claimed by two contexts', () => {
      expect(() => routeByContext({ registry: ['resident'], brokerage: ['resident'] })).toThrow(RangeError);
    });

    it('puts the major version in the topic name', () => {
      expect(routeByContext({ registry: ['resident'] }, 2)('resident')).toBe('registry.events.v2');
      expect(() => eventsTopic('Registry')).toThrow(RangeError);
    });
  });

  describe("when a group's dead-letter topics are named", () => {
    it('tells the group and the kind back from each name', () => {
      expect(groupOfDeadLetterTopic(deadLetterTopic('resident-directory'))).toEqual({ group: 'resident-directory', kind: 'dead-letters' });
      expect(groupOfDeadLetterTopic(replayTopic('resident-directory'))).toEqual({ group: 'resident-directory', kind: 'replays' });
      expect(groupOfDeadLetterTopic('registry.events.v1')).toBeUndefined();
    });
  });
});
