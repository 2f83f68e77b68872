@NullMarked
package dev.infradash.targets;

import org.jspecify.annotations.NullMarked;
