package dev.sluice.tck;

import org.testng.IInvokedMethod;
import org.testng.IInvokedMethodListener;
import org.testng.ITestResult;

/**
 * The producer check after every publisher test, a TestNG listener on the publisher verifications:
 * once a test is done, its producer threads must end (see {@link ReceiverPublishers#endOfTest}). A
 * leaked producer fails the test that leaked it. A producer left waiting by a subscription the TCK
 * abandoned without cancelling (some optional multi-subscriber tests do) is only printed as {@code
 * PRODUCER ABANDONED}: its receiver is then closed, which must end it, or it counts as leaked.
 */
public final class ProducerLeaks implements IInvokedMethodListener {

    @Override
    public void afterInvocation(IInvokedMethod method, ITestResult result) {
        if (!method.isTestMethod()) {
            return;
        }
        ReceiverPublishers.Leftovers left;
        try {
            left = ReceiverPublishers.endOfTest(Tck.timeoutMillis() * 4);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking for leaked producers", e);
        }
        String where =
                result.getTestClass().getName() + "#" + result.getMethod().getMethodName();
        if (!left.abandoned().isEmpty()) {
            System.out.println("PRODUCER ABANDONED " + where + " " + left.abandoned());
        }
        if (!left.leaked().isEmpty()) {
            AssertionError leak = new AssertionError("producer threads kept running after their"
                    + " subscription ended (the receiver handle was closed, so their send should have"
                    + " thrown ChannelClosedException): " + left.leaked());
            System.out.println("PRODUCER LEAK " + where + " " + left.leaked());
            Throwable earlier = result.getThrowable();
            if (earlier != null && result.getStatus() == ITestResult.FAILURE) {
                earlier.addSuppressed(leak); // keep the test's own failure first
            } else {
                result.setThrowable(leak);
                result.setStatus(ITestResult.FAILURE);
            }
        }
    }
}
