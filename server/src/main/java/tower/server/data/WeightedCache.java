package tower.server.data;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A least-recently-used cache bounded by the total weight of its values (e.g. cells of loaded columns, characters
 * of JSON). Each key is loaded once even when many requests ask for it at the same time.
 */
public final class WeightedCache<K, V> {
    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private final LinkedHashMap<K, V> map = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<K, Object> loading = new ConcurrentHashMap<>();
    private long weight;

    public WeightedCache(long maxWeight, ToLongFunction<V> weigher) {
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    public V get(K key, Supplier<V> loader) {
        V v = peek(key);
        if (v != null) {
            return v;
        }
        Object lock = loading.computeIfAbsent(key, k -> new Object());
        synchronized (lock) {
            try {
                v = peek(key);
                if (v != null) {
                    return v;
                }
                v = loader.get();
                put(key, v);
                return v;
            } finally {
                loading.remove(key, lock);
            }
        }
    }

    private synchronized V peek(K key) {
        return map.get(key);
    }

    private synchronized void put(K key, V value) {
        long w = weigher.applyAsLong(value);
        if (w > maxWeight) {
            return; // too big to keep: the caller still gets it
        }
        V old = map.put(key, value);
        if (old != null) {
            weight -= weigher.applyAsLong(old);
        }
        weight += w;
        Iterator<Map.Entry<K, V>> it = map.entrySet().iterator();
        while (weight > maxWeight && it.hasNext()) {
            Map.Entry<K, V> e = it.next();
            if (e.getKey().equals(key)) {
                continue;
            }
            weight -= weigher.applyAsLong(e.getValue());
            it.remove();
        }
    }

    /** Drops the entries whose key matches (a deleted test's). */
    public synchronized void removeIf(java.util.function.Predicate<K> matches) {
        Iterator<Map.Entry<K, V>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<K, V> e = it.next();
            if (matches.test(e.getKey())) {
                weight -= weigher.applyAsLong(e.getValue());
                it.remove();
            }
        }
    }

    public synchronized int size() {
        return map.size();
    }
}
