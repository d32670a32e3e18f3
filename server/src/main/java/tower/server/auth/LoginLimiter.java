package tower.server.auth;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins counted per network address and per account (the token id a guess names), in a sliding window.
 * Past the limit, every attempt from that address or on that account is refused until the oldest failure in the
 * window is old enough, whatever the token, so guessing costs an attacker time and not us CPU (a check hashes).
 */
public final class LoginLimiter {
    private final int maxPerAddress;
    private final int maxPerAccount;
    private final long windowNanos;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public LoginLimiter(int maxPerAddress, int maxPerAccount, Duration window) {
        this.maxPerAddress = maxPerAddress;
        this.maxPerAccount = maxPerAccount;
        this.windowNanos = window.toNanos();
    }

    /** Seconds to wait when the address or account is over its limit; empty when it may try. */
    public OptionalLong retryAfter(String address, String account) {
        long now = System.nanoTime();
        long wait = Math.max(wait("ip " + address, maxPerAddress, now),
                account.isEmpty() ? 0 : wait("account " + account, maxPerAccount, now));
        return wait > 0 ? OptionalLong.of(Math.max(1, wait / 1_000_000_000L)) : OptionalLong.empty();
    }

    private long wait(String key, int max, long now) {
        Deque<Long> d = failures.get(key);
        if (d == null) {
            return 0;
        }
        synchronized (d) {
            while (!d.isEmpty() && now - d.peekFirst() > windowNanos) {
                d.pollFirst();
            }
            return d.size() >= max ? windowNanos - (now - d.peekFirst()) : 0;
        }
    }

    public void failed(String address, String account) {
        long now = System.nanoTime();
        add("ip " + address, now);
        if (!account.isEmpty()) {
            add("account " + account, now);
        }
        if (failures.size() > 100_000) {
            failures.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    return e.getValue().isEmpty() || now - e.getValue().peekLast() > windowNanos;
                }
            });
        }
    }

    private void add(String key, long now) {
        Deque<Long> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (d) {
            d.addLast(now);
            while (d.size() > 1000) {
                d.pollFirst();
            }
        }
    }
}
