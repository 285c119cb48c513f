/** The administration API used by mqadmin and the console. */
package io.apogee.client.admin;
