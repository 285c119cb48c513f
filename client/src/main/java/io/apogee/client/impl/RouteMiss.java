package io.apogee.client.impl;

import java.util.Set;

/**
 * Why the last route lookup of a topic found no route, for the {@code No route info of this topic} error: the
 * NameServers could not be reached (a wrong address), or they answered that the topic does not exist (and, for a
 * producer, that no broker creates topics automatically).
 *
 * @param namesrvAddr       the configured NameServer list
 * @param unanswered        why no NameServer answered, or {@code null} when one did
 * @param autoCreateChecked whether the lookup also asked for the automatic-creation route (producers do)
 */
record RouteMiss(String namesrvAddr, String unanswered, boolean autoCreateChecked) {

    /**
     * The sentences after {@code No route info of this topic: <topic>}: what happened and what to run.
     *
     * @param clusters the cluster names the NameServers know, or {@code null} when they could not be read
     */
    String explain(String topic, Set<String> clusters) {
        if (unanswered != null) {
            return ". The NameServers were not reached (" + unanswered + "); check namesrvAddr '" + namesrvAddr
                    + "' (RocketMQ's default port is 9876).";
        }
        boolean one = clusters != null && clusters.size() == 1;
        return ". The NameServers [" + namesrvAddr + "] answered: topic not found"
                + (autoCreateChecked ? ", and no broker creates topics automatically (autoCreateTopicEnable is"
                        + " false)" : "")
                + ". Create it: mqadmin updateTopic -n '" + namesrvAddr + "' -c "
                + (one ? clusters.iterator().next() : "<cluster>") + " -t " + topic
                + (clusters != null && clusters.size() > 1 ? " (clusters: " + String.join(", ", clusters) + ")" : "")
                + (clusters != null && clusters.isEmpty() ? " (no broker is registered yet: start one first)" : "");
    }
}
