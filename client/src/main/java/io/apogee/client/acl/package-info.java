/** Request signing for brokers with ACL on (RocketMQ 4.9's ACL 1.0): credentials and the signing hook. */
package io.apogee.client.acl;
