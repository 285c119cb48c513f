package io.apogee.client.impl.api;

import io.apogee.common.message.StoredMessage;
import java.util.List;

/**
 * The outcome of one pull.
 *
 * @param messages             decoded messages (bodies inflated), empty unless {@link PullStatus#FOUND}
 * @param suggestWhichBrokerId broker id to pull this queue from next time
 */
public record PullResult(PullStatus status, long nextBeginOffset, long minOffset, long maxOffset,
        long suggestWhichBrokerId, List<StoredMessage> messages) {
}
