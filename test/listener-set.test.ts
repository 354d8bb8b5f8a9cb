import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ListenerSet } from '../src/shared/listener-set.ts';

test('every listener hears each value, in the order they were added', () => {
  const listeners = new ListenerSet<number>();
  const heard: string[] = [];
  listeners.add((value) => heard.push(`first ${value}`));
  listeners.add((value) => heard.push(`second ${value}`));
  listeners.notify(1);
  listeners.notify(2);
  assert.deepEqual(heard, ['first 1', 'second 1', 'first 2', 'second 2']);
});

test('a listener added twice is called once, and one removal removes it', () => {
  const listeners = new ListenerSet();
  let calls = 0;
  const listener = () => calls++;
  const remove = listeners.add(listener);
  listeners.add(listener);
  listeners.notify();
  assert.equal(calls, 1);
  remove();
  listeners.notify();
  assert.equal(calls, 1);
});

test('what add returned removes that listener only, and calling it again does nothing more', () => {
  const listeners = new ListenerSet<string>();
  const heard: string[] = [];
  const removeFirst = listeners.add((value) => heard.push(`first ${value}`));
  listeners.add((value) => heard.push(`second ${value}`));
  removeFirst();
  removeFirst();
  listeners.notify('a');
  assert.deepEqual(heard, ['second a']);
});

test('a listener that removes itself while called does not make the next one miss its turn', () => {
  const listeners = new ListenerSet();
  const heard: string[] = [];
  const removeOnce: () => void = listeners.add(() => {
    heard.push('once');
    removeOnce();
  });
  listeners.add(() => heard.push('always'));
  listeners.notify();
  listeners.notify();
  assert.deepEqual(heard, ['once', 'always', 'always']);
});

test('a listener removed by an earlier one during a round is not called in it', () => {
  const listeners = new ListenerSet();
  const heard: string[] = [];
  listeners.add(() => {
    heard.push('first');
    removeSecond();
  });
  const removeSecond = listeners.add(() => heard.push('second'));
  listeners.notify();
  assert.deepEqual(heard, ['first']);
});

test('a listener added during a round is called in that round, as a Set iterates', () => {
  const listeners = new ListenerSet();
  const heard: string[] = [];
  listeners.add(() => {
    heard.push('first');
    listeners.add(() => heard.push('added'));
  });
  listeners.notify();
  assert.deepEqual(heard, ['first', 'added']);
});

test('a listener that throws ends the round, and the error reaches whoever notified', () => {
  const listeners = new ListenerSet();
  const heard: string[] = [];
  listeners.add(() => heard.push('before'));
  listeners.add(() => {
    throw new Error('listener failed');
  });
  listeners.add(() => heard.push('after'));
  assert.throws(() => listeners.notify(), /listener failed/);
  assert.deepEqual(heard, ['before']);
});

test('clear removes every listener', () => {
  const listeners = new ListenerSet();
  let calls = 0;
  listeners.add(() => calls++);
  listeners.add(() => calls++);
  listeners.clear();
  listeners.notify();
  assert.equal(calls, 0);
});
