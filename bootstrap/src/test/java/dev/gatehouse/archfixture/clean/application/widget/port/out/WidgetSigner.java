package dev.gatehouse.archfixture.clean.application.widget.port.out;

import dev.gatehouse.archfixture.clean.domain.widget.Widget;

/** Fixture: an outgoing port implemented by the JOSE adapter. */
public interface WidgetSigner {

    String sign(Widget widget);
}
