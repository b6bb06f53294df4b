import { describe, expect, it } from "vitest";
import { SlidingWindowLimiter } from "./rate-limiter.ts";

describe("SlidingWindowLimiter", () => {
  it("allows `limit` hits in a window and refuses the next with the wait until the oldest expires", () => {
    const limiter = new SlidingWindowLimiter({ limit: 3, windowMs: 1000 });
    expect([0, 100, 200].map((t) => limiter.hit("a", t).allowed)).toEqual([true, true, true]);
    expect(limiter.hit("a", 300)).toEqual({ allowed: false, retryAfterMs: 700 });
  });

  it("slides: a hit is allowed again once the oldest leaves the window", () => {
    const limiter = new SlidingWindowLimiter({ limit: 2, windowMs: 1000 });
    limiter.hit("a", 0);
    limiter.hit("a", 500);
    expect(limiter.hit("a", 999).allowed).toBe(false);
    expect(limiter.hit("a", 1000).allowed).toBe(true);
    expect(limiter.hit("a", 1001).allowed).toBe(false);
  });

  it("does not count refused hits (a blocked client is not locked out for ever)", () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1000 });
    limiter.hit("a", 0);
    for (let t = 1; t < 1000; t += 100) limiter.hit("a", t);
    expect(limiter.hit("a", 1000).allowed).toBe(true);
  });

  it("keeps keys apart", () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1000 });
    expect(limiter.hit("a", 0).allowed).toBe(true);
    expect(limiter.hit("b", 0).allowed).toBe(true);
    expect(limiter.hit("a", 1).allowed).toBe(false);
  });

  it("forgets the least recently used keys beyond its bound", () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 10_000 }, 2);
    limiter.hit("a", 0);
    limiter.hit("b", 1);
    limiter.hit("c", 2);
    expect(limiter.hit("a", 3).allowed).toBe(true);
    expect(limiter.hit("c", 4).allowed).toBe(false);
  });
});
