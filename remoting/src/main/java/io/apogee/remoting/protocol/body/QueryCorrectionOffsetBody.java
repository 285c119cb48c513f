package io.apogee.remoting.protocol.body;

import java.util.HashMap;
import java.util.Map;

/**
 * QUERY_CORRECTION_OFFSET (308) response body: per queue id, the lowest offset the other groups committed, or
 * {@link Long#MAX_VALUE} where the compared group is behind it. Written with {@link BodyJson#encode} (queue ids
 * unquoted, as fastjson 1.x writes them).
 */
public class QueryCorrectionOffsetBody {

    private Map<Integer, Long> correctionOffsets = new HashMap<>();

    public Map<Integer, Long> getCorrectionOffsets() {
        return correctionOffsets;
    }

    public void setCorrectionOffsets(Map<Integer, Long> correctionOffsets) {
        this.correctionOffsets = correctionOffsets;
    }
}
