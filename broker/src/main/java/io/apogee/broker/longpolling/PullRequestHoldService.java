package io.apogee.broker.longpolling;

import io.apogee.common.message.TopicQueue;
import io.apogee.common.service.ServiceLoop;
import io.apogee.store.DispatchListener;
import io.apogee.store.MessageStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Long polling: pulls that found nothing are held per queue and replayed as soon as a matching message is
 * dispatched to that queue, or when their deadline passes (checked on this loop's interval). Each held pull is
 * replayed exactly once (one whose consumer disconnected too, at the next check), so its response always completes.
 *
 * <p>A message dispatched between a pull's empty read and its hold would be missed by the dispatch callback; so
 * {@link #hold} re-checks the queue's max offset after registering, and the periodic check does too.
 */
public final class PullRequestHoldService implements ServiceLoop, DispatchListener {

    private final MessageStore store;
    private final Consumer<HeldPull> replay;
    private final Map<TopicQueue, List<HeldPull>> held = new ConcurrentHashMap<>();
    /** Pulls held now; lets the per-message dispatch callback return at once when nobody waits. */
    private final AtomicInteger heldCount = new AtomicInteger();

    /**
     * @param store  where queue offsets are read
     * @param replay re-runs a held pull without suspension and completes its response (must not block)
     */
    public PullRequestHoldService(MessageStore store, Consumer<HeldPull> replay) {
        this.store = store;
        this.replay = replay;
    }

    @Override
    public String roleName() {
        return "ApogeePullRequestHold";
    }

    /** Parks {@code pull} until a message arrives for its queue or its deadline passes. */
    public void hold(HeldPull pull) {
        List<HeldPull> list = held.computeIfAbsent(new TopicQueue(pull.topic(), pull.queueId()),
                k -> new ArrayList<>());
        synchronized (list) {
            list.add(pull);
        }
        heldCount.incrementAndGet();
        if (store.getMaxOffsetInQueue(pull.topic(), pull.queueId()) > pull.offset()) {
            wake(pull.topic(), pull.queueId(), Long.MAX_VALUE, null);
        }
    }

    @Override
    public void onDispatched(String topic, int queueId, long maxOffset, long tagsCode, long storeTimestamp) {
        if (heldCount.get() > 0) {
            wake(topic, queueId, maxOffset, tagsCode);
        }
    }

    @Override
    public int doWork() {
        long now = System.currentTimeMillis();
        int replayed = 0;
        for (Map.Entry<TopicQueue, List<HeldPull>> entry : held.entrySet()) {
            List<HeldPull> due = new ArrayList<>();
            List<HeldPull> list = entry.getValue();
            synchronized (list) {
                Iterator<HeldPull> it = list.iterator();
                while (it.hasNext()) {
                    HeldPull pull = it.next();
                    if (now >= pull.deadlineMillis() || !pull.channel().isActive()
                            || store.getMaxOffsetInQueue(pull.topic(), pull.queueId()) > pull.offset()) {
                        it.remove();
                        heldCount.decrementAndGet();
                        due.add(pull);
                    }
                }
            }
            due.forEach(replay);
            replayed += due.size();
        }
        return replayed;
    }

    /** Number of pulls held now (for stats and tests). */
    public int heldCount() {
        return heldCount.get();
    }

    /**
     * Replays the held pulls of a queue that now has data past their offset and whose filter accepts
     * {@code tagsCode} ({@code null}: any).
     */
    private void wake(String topic, int queueId, long maxOffset, Long tagsCode) {
        List<HeldPull> list = held.get(new TopicQueue(topic, queueId));
        if (list == null) {
            return;
        }
        List<HeldPull> ready = new ArrayList<>();
        synchronized (list) {
            Iterator<HeldPull> it = list.iterator();
            while (it.hasNext()) {
                HeldPull pull = it.next();
                if (maxOffset > pull.offset()
                        && (tagsCode == null || pull.filter().isMatchedByTagsCode(tagsCode))) {
                    it.remove();
                    heldCount.decrementAndGet();
                    ready.add(pull);
                }
            }
        }
        ready.forEach(replay);
    }
}
