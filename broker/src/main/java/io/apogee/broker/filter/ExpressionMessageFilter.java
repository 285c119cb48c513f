package io.apogee.broker.filter;

import io.apogee.common.message.PropertiesCodec;
import io.apogee.common.message.TagHash;
import io.apogee.store.MessageFilter;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The store read filter of a SQL92 subscription. When the expression restricts TAGS, a consume-queue entry whose tag
 * code is none of those tags' codes is skipped without reading its message; every other entry's message is matched
 * by reading its properties from the commit log (a bounded read of the record's head and properties, never its
 * body). This takes the place of RocketMQ's per-group bloom filter bits in the consume-queue extension.
 */
public final class ExpressionMessageFilter implements MessageFilter {

    private final SqlFilter filter;
    /** Tag codes a matching message may have, or {@code null}: any. */
    private final Set<Long> tagCodes;

    public ExpressionMessageFilter(SqlFilter filter) {
        this.filter = filter;
        Set<String> tags = filter.requiredTags();
        this.tagCodes = tags == null ? null : tags.stream().map(TagHash::of).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean isMatchedByTagsCode(long tagsCode) {
        return tagCodes == null || tagCodes.contains(tagsCode);
    }

    @Override
    public boolean isMatchedByCommitLog(ByteBuffer record) {
        String properties = RecordProperties.of(record);
        return properties != null && filter.matches(name -> PropertiesCodec.find(properties, name));
    }

    @Override
    public String toString() {
        return "SQL92 " + filter;
    }
}
