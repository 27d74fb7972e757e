import { DirectoryError } from './directory-error';
import { parseDirectory } from './parse-directory';
import { isPauseReasonAllowed, pauseReasonOf } from './pause-reasons';
import { defaultSite } from '../testing/default-site';

describe('parseDirectory: pause reasons', () => {
  const withReasons = (pauseReasons: unknown) => parseDirectory({ ...defaultSite, pauseReasons });

  it('keeps the configured reasons with their labels and maximum lengths', () => {
    const directory = withReasons([{ code: 'Lunch', label: 'Lunch break', maxMinutes: 45 }, { code: 'Training' }]);
    expect(directory.pauseReasons).toEqual([{ code: 'Lunch', label: 'Lunch break', maxMinutes: 45 }, { code: 'Training' }]);
    expect(pauseReasonOf(directory, 'Lunch')?.maxMinutes).toBe(45);
    expect(isPauseReasonAllowed(directory, 'Training')).toBe(true);
    expect(isPauseReasonAllowed(directory, 'Nap')).toBe(false);
  });

  it('allows every reason when none is configured', () => {
    const directory = parseDirectory(defaultSite);
    expect(directory.pauseReasons).toBeUndefined();
    expect(isPauseReasonAllowed(directory, 'anything')).toBe(true);
  });

  it.each([
    [[{ code: 'Lunch\r\nAction: Hangup' }], 'pauseReasons[0].code'],
    [[{ code: 'Lunch', maxMinutes: 0 }], 'pauseReasons[0].maxMinutes'],
    [[{ code: 'Lunch', maxMinutes: '45' }], 'pauseReasons[0].maxMinutes'],
    [[{ code: 'Lunch' }, { code: 'Lunch' }], 'pauseReasons[1].code'],
    [[{ code: 'Lunch', colour: 'red' }], 'pauseReasons[0]'],
  ])('refuses %j, naming %s', (pauseReasons, path) => {
    let thrown: unknown;
    try {
      withReasons(pauseReasons);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DirectoryError);
    expect((thrown as Error).message).toContain(path);
  });
});
