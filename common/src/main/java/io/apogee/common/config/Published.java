package io.apogee.common.config;

import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The current snapshot of a concluded config, for components that must see runtime updates: they call {@link #get()}
 * on every use instead of keeping a field of it. An update builds and validates a whole new snapshot, then swaps it in
 * with one volatile write, so a reader sees the old snapshot or the new one, never a mix of both.
 *
 * <p>Snapshots are never changed once published (config classes have no setters), which is what makes handing out the
 * reference safe; the volatile write publishes the fields the binder set before it.
 *
 * @param <T> the config (or set of configs) published
 */
public final class Published<T> implements Supplier<T> {

    private volatile T current;

    public Published(T initial) {
        this.current = Objects.requireNonNull(initial, "initial");
    }

    /** The snapshot in force now. */
    @Override
    public T get() {
        return current;
    }

    /**
     * Replaces the snapshot with {@code change} applied to the current one. Updates run one at a time, so none is
     * lost; when {@code change} throws, the current snapshot stays and the exception propagates.
     *
     * @return the snapshot now in force
     */
    public synchronized T update(UnaryOperator<T> change) {
        T next = Objects.requireNonNull(change.apply(current), "updated snapshot");
        current = next;
        return next;
    }
}
