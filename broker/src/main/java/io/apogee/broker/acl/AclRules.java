package io.apogee.broker.acl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** plain_acl.yml compiled for checks: the global white list and the accounts by access key. Immutable. */
record AclRules(PlainAclConfig config, List<AddressPattern> globalWhiteRemoteAddresses,
        Map<String, AclAccount> accounts) {

    static AclRules of(PlainAclConfig config) {
        Map<String, AclAccount> accounts = new HashMap<>();
        for (AclAccountConfig account : config.accounts()) {
            accounts.put(account.accessKey(), AclAccount.of(account));
        }
        return new AclRules(config, config.globalWhiteRemoteAddresses().stream().map(AddressPattern::parse).toList(),
                Map.copyOf(accounts));
    }

    boolean globallyWhiteListed(String ip) {
        for (AddressPattern p : globalWhiteRemoteAddresses) {
            if (p.matches(ip)) {
                return true;
            }
        }
        return false;
    }
}
