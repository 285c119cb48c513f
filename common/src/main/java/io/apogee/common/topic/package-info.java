/** Topics: their settings, permission bits, system-flag bits, name rules and the system topics. */
package io.apogee.common.topic;
