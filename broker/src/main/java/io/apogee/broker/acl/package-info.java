/**
 * RocketMQ 4.9's ACL 1.0 on the broker: plain_acl.yml (read, checked, reloaded, rewritten by the ACL admin
 * requests), and the check of every request's signature and permissions, an RPC hook.
 */
package io.apogee.broker.acl;
