package io.apogee.console.api;

import io.apogee.client.admin.BrokerOverview;
import io.apogee.console.http.ApiException;
import io.apogee.console.view.ClusterView;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The masters a topic or group write goes to, from the snapshot's brokers: the master of {@code brokerName} when
 * named, else every master of {@code clusterName} when named, else the masters of the brokers that hold the topic or
 * group now, else every master of the only cluster.
 */
final class BrokerTargets {

    private BrokerTargets() {
    }

    /** The master addresses to write to, never empty. */
    static List<String> masters(ClusterView.Snapshot snapshot, String clusterName, String brokerName,
            List<String> holders) {
        List<BrokerOverview> masters = snapshot.cluster().brokers().stream().filter(BrokerOverview::master).toList();
        if (brokerName != null && !brokerName.isBlank()) {
            return matching(masters, b -> b.brokerName().equals(brokerName.trim()), "no master of broker '"
                    + brokerName + "' in the cluster (brokers: " + names(masters, false) + ")");
        }
        if (clusterName != null && !clusterName.isBlank()) {
            return matching(masters, b -> b.clusterName().equals(clusterName.trim()), "no cluster '" + clusterName
                    + "' with a master online (clusters: " + names(masters, true) + ")");
        }
        if (!holders.isEmpty()) {
            List<String> found = masters.stream().filter(b -> holders.contains(b.brokerName()))
                    .map(BrokerOverview::addr).toList();
            if (!found.isEmpty()) {
                return found;
            }
        }
        Set<String> clusters = names(masters, true);
        if (clusters.size() != 1) {
            throw ApiException.badRequest(clusters.isEmpty() ? "no master broker is online to write to"
                    : "field 'clusterName' or 'brokerName' is required: there are several clusters " + clusters);
        }
        return masters.stream().map(BrokerOverview::addr).toList();
    }

    private static List<String> matching(List<BrokerOverview> masters, Predicate<BrokerOverview> wanted,
            String missing) {
        List<String> found = masters.stream().filter(wanted).map(BrokerOverview::addr).toList();
        if (found.isEmpty()) {
            throw ApiException.notFound(missing);
        }
        return found;
    }

    private static Set<String> names(List<BrokerOverview> masters, boolean clusters) {
        Set<String> names = new TreeSet<>();
        masters.forEach(b -> names.add(clusters ? b.clusterName() : b.brokerName()));
        return names;
    }
}
