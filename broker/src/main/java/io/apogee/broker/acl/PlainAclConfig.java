package io.apogee.broker.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The content of plain_acl.yml: addresses trusted without a signature, the accounts, and the data version
 * ({@code counter}, {@code timestamp}) that ACL admin updates bump and {@code mqadmin clusterAclConfigVersion} shows.
 */
public record PlainAclConfig(List<String> globalWhiteRemoteAddresses, List<AclAccountConfig> accounts, long counter,
        long timestamp) {

    public PlainAclConfig {
        globalWhiteRemoteAddresses = List.copyOf(globalWhiteRemoteAddresses);
        accounts = List.copyOf(accounts);
    }

    /** The account of {@code accessKey}, or {@code null}. */
    public AclAccountConfig account(String accessKey) {
        return accounts.stream().filter(a -> a.accessKey().equals(accessKey)).findFirst().orElse(null);
    }

    /** This config with {@code account} added, or in place of the one with its access key; version bumped. */
    public PlainAclConfig withAccount(AclAccountConfig account) {
        List<AclAccountConfig> next = new ArrayList<>(accounts);
        int at = indexOf(a -> a.accessKey().equals(account.accessKey()));
        if (at >= 0) {
            next.set(at, account);
        } else {
            next.add(account);
        }
        return new PlainAclConfig(globalWhiteRemoteAddresses, next, counter + 1, System.currentTimeMillis());
    }

    /** This config without the account of {@code accessKey}; version bumped. */
    public PlainAclConfig withoutAccount(String accessKey) {
        List<AclAccountConfig> next = new ArrayList<>(accounts);
        next.removeIf(a -> a.accessKey().equals(accessKey));
        return new PlainAclConfig(globalWhiteRemoteAddresses, next, counter + 1, System.currentTimeMillis());
    }

    /** This config with {@code addresses} as its global white list; version bumped. */
    public PlainAclConfig withGlobalWhiteRemoteAddresses(List<String> addresses) {
        return new PlainAclConfig(addresses, accounts, counter + 1, System.currentTimeMillis());
    }

    private int indexOf(Predicate<AclAccountConfig> p) {
        for (int i = 0; i < accounts.size(); i++) {
            if (p.test(accounts.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
