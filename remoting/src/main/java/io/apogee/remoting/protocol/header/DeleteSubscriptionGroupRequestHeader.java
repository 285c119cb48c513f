package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** DELETE_SUBSCRIPTIONGROUP (207) request. */
public class DeleteSubscriptionGroupRequestHeader implements CommandCustomHeader {

    @Required
    private String groupName;
    private boolean removeOffset;

    public String getGroupName() {
        return groupName;
    }

    public void setGroupName(String groupName) {
        this.groupName = groupName;
    }

    public boolean isRemoveOffset() {
        return removeOffset;
    }

    public void setRemoveOffset(boolean removeOffset) {
        this.removeOffset = removeOffset;
    }
}
