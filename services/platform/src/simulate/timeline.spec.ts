import { Agenda, Draws, instant, months } from './timeline';

describe('the agenda of the simulation', () => {
  it('runs steps in the order of their instant, ties in the order they were planned', async () => {
    const agenda = new Agenda(instant('2004-12-31', 900));
    const told: string[] = [];
    agenda.plan('2004-05-10', 120, 'b', async () => told.push('b'));
    agenda.plan('2004-05-08', 300, 'a', async () => told.push('a'));
    agenda.plan('2004-05-10', 120, 'c', async () => told.push('c'));
    await agenda.run();
    expect(told).toEqual(['a', 'b', 'c']);
  });

  it('runs a step planned by a step in its turn', async () => {
    const agenda = new Agenda(instant('2004-12-31', 900));
    const told: string[] = [];
    agenda.plan('2004-05-08', 60, 'open', async () => {
      told.push('open');
      agenda.plan('2004-05-20', 60, 'resolve', async () => told.push('resolve'));
    });
    agenda.plan('2004-05-09', 60, 'between', async () => told.push('between'));
    await agenda.run();
    expect(told).toEqual(['open', 'between', 'resolve']);
  });

  it('never runs a step planned for earlier than the step that planned it', async () => {
    const agenda = new Agenda(instant('2004-12-31', 900));
    const instants: string[] = [];
    agenda.plan('2004-05-08', 300, 'open', async () => {
      agenda.plan('2004-05-08', 60, 'assign the same day', async () => undefined);
    });
    await agenda.run((step) => instants.push(step.at));
    expect(instants).toEqual(['2004-05-08T05:00:00.000Z', '2004-05-08T05:00:00.000Z']);
  });

  it('drops what falls after the end of the history', async () => {
    const agenda = new Agenda(instant('2004-06-30', 900));
    agenda.plan('2004-07-01', 0, 'too late', async () => undefined);
    expect(agenda.size).toBe(0);
  });

  it('names the step and the instant when a step fails', async () => {
    const agenda = new Agenda(instant('2004-12-31', 900));
    agenda.plan('2004-05-08', 60, 'register', async () => {
      throw Object.assign(new Error('The ID number is invalid'), { code: 'invalid-id-number' });
    });
    await expect(agenda.run()).rejects.toThrow('The simulation failed at 2004-05-08T01:00:00.000Z in "register": The ID number is invalid (invalid-id-number)');
  });
});

describe('station time', () => {
  it('keeps a working day on the station date (UTC+8)', () => {
    expect(instant('2005-03-01', 0)).toBe('2005-03-01T00:00:00.000Z');
    expect(instant('2005-03-01', 9 * 60 + 30)).toBe('2005-03-01T09:30:00.000Z');
    expect(instant('2005-03-01', 24 * 60)).toBe('2005-03-01T15:59:00.000Z');
  });
});

describe('calendar months', () => {
  it('adds months across years and counts the months between', () => {
    expect(months.add('2004-05', 8)).toBe('2005-01');
    expect(months.add('2005-01', -1)).toBe('2004-12');
    expect(months.between('2004-05', '2013-06')).toBe(109);
  });

  it('knows the days of a month and clamps a day to it', () => {
    expect(months.days('2008-02')).toBe(29);
    expect(months.last('2009-02')).toBe('2009-02-28');
    expect(months.day('2004-06', 31)).toBe('2004-06-30');
  });
});

describe('the draws of a seed', () => {
  it('repeats for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const draws = new Draws(seed);
      return [draws.int(1, 1000), draws.pick(['a', 'b', 'c', 'd']), draws.sample([1, 2, 3, 4, 5, 6], 3)];
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('samples distinct items, no more than there are', () => {
    const sample = new Draws(1).sample([1, 2, 3, 4], 10);
    expect(new Set(sample).size).toBe(4);
  });
});
