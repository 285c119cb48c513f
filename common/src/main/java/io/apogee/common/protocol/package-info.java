/** Small wire-level values that appear in admin answers too, such as a client's implementation language. */
package io.apogee.common.protocol;
