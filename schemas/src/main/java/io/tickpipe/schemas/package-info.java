/** The contract's evolution rules: released versions and the build gate that holds new versions to them. */
package io.tickpipe.schemas;
