/** raceTimeout: the value, or "late"; its timer never outlives it. */
import { raceTimeout } from "../../grader/kernel/timeout";

afterEach(() => jest.useRealTimers());

test("the value when the promise is first, and the timer is cleared", async () => {
  jest.useFakeTimers();
  await expect(raceTimeout(Promise.resolve(42), 1_000)).resolves.toBe(42);
  expect(jest.getTimerCount()).toBe(0);
});

test('"late" when time is up first, and the timer is cleared', async () => {
  jest.useFakeTimers();
  const raced = raceTimeout(new Promise<number>(() => {}), 1_000);
  expect(jest.getTimerCount()).toBe(1);
  jest.advanceTimersByTime(1_000);
  await expect(raced).resolves.toBe("late");
  expect(jest.getTimerCount()).toBe(0);
});

test("a rejection passes through; Infinity starts no timer", async () => {
  jest.useFakeTimers();
  await expect(raceTimeout(Promise.reject(new Error("no")), 1_000)).rejects.toThrow("no");
  expect(jest.getTimerCount()).toBe(0);
  const never = raceTimeout(new Promise(() => {}), Infinity);
  expect(jest.getTimerCount()).toBe(0);
  void never;
});
