/** The admin client: {@link io.runnel.client.admin.Admin}, created with {@link io.runnel.client.admin.Admin#create}. */
@NullMarked
package io.runnel.client.admin;

import org.jspecify.annotations.NullMarked;
