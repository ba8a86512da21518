//! Fault injection: an SDK interceptor that fails the Nth AWS call made after it is armed,
//! counted across every client it is installed on (DynamoDB, S3, SES of one App).
//!
//! Two modes: [`Mode::Before`] fails the call before its request is sent (nothing happens
//! remotely), [`Mode::After`] fails it once the response has arrived (the call took effect,
//! the caller sees an error). A presign also runs the interceptors but stops before
//! transmitting; it is counted as a call like any other and, in either mode, fails just
//! before the point where it would be sent, recorded as a presign.
//!
//! The SDK does not retry an interceptor's error (its classifiers only retry responses,
//! timeouts and connector errors), which would hide the fault; the injector counts the
//! attempts of the faulted call so that a test can check it.

use crate::SentEmail;
use aws_sdk_sesv2::operation::send_email::SendEmailInput;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeDeserializationInterceptorContextRef, BeforeSerializationInterceptorContextRef,
    BeforeTransmitInterceptorContextRef, FinalizerInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::{Intercept, SharedInterceptor};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::{ConfigBag, Storable, StoreReplace};
use std::sync::{Arc, Mutex};

/// When the armed call fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Before the request is sent: the call never happens.
    Before,
    /// After the response arrived: the call took effect, the caller sees an error.
    After,
}

/// The fault that fired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fired {
    /// `Service.Operation`, e.g. `DynamoDB.TransactWriteItems`.
    pub operation: String,
    pub mode: Mode,
    /// A presign (no network call), failed before it would have been sent.
    pub presign: bool,
}

#[derive(Debug, Default)]
struct State {
    /// The call to fail (1-based, counted from arming) and how.
    armed: Option<(u64, Mode)>,
    /// Calls seen since arming.
    calls: u64,
    fired: Option<Fired>,
    /// Attempts the SDK made of the armed call; more than one is a retry.
    attempts_of_target: u32,
}

/// Fails the Nth AWS call once armed; clone it freely (clones share their state).
#[derive(Clone, Debug, Default)]
pub struct FaultInjector {
    state: Arc<Mutex<State>>,
}

/// The number a call got when it started, kept in the call's own config bag so that
/// concurrent calls are told apart.
#[derive(Clone, Debug)]
struct Ticket(u64);

impl Storable for Ticket {
    type Storer = StoreReplace<Self>;
}

/// The error an injected fault makes the caller see.
#[derive(Debug)]
pub struct InjectedFault(pub String);

impl std::fmt::Display for InjectedFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "injected fault in {}", self.0)
    }
}

impl std::error::Error for InjectedFault {}

impl FaultInjector {
    pub fn new() -> Self {
        Self::default()
    }

    /// The interceptor to install on a stack's clients.
    pub fn interceptor(&self) -> SharedInterceptor {
        SharedInterceptor::new(self.clone())
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().expect("fault injector lock")
    }

    /// Fails the `nth` call (1-based) from now on, in `mode`; forgets any earlier fault.
    pub fn arm(&self, nth: u64, mode: Mode) {
        *self.state() = State {
            armed: Some((nth, mode)),
            ..State::default()
        };
    }

    /// Stops failing calls; answers the fault that fired since arming, if any.
    pub fn disarm(&self) -> Option<Fired> {
        let mut state = self.state();
        state.armed = None;
        state.fired.clone()
    }

    /// Calls seen since arming.
    pub fn calls(&self) -> u64 {
        self.state().calls
    }

    /// Whether the SDK attempted the faulted call more than once (it must not: a retry would
    /// hide the fault).
    pub fn retried(&self) -> bool {
        self.state().attempts_of_target > 1
    }

    /// The error for call `ticket` if it is the armed one and this is its mode's moment.
    fn fail(&self, cfg: &ConfigBag, moment: Mode, presign: bool) -> Result<(), BoxError> {
        let Some(Ticket(number)) = cfg.load::<Ticket>().cloned() else {
            return Ok(());
        };
        let mut state = self.state();
        let Some((target, mode)) = state.armed else {
            return Ok(());
        };
        // A presign never reaches its response: it fails at its last moment in both modes.
        if number != target || !(mode == moment || presign) {
            return Ok(());
        }
        let operation = crate::observe::operation_name(cfg);
        state.fired = Some(Fired {
            operation: operation.clone(),
            mode,
            presign,
        });
        Err(Box::new(InjectedFault(operation)))
    }
}

/// A presigned request carries its signature in the query string.
fn is_presign(context: &BeforeTransmitInterceptorContextRef<'_>) -> bool {
    context.request().uri().contains("X-Amz-Signature=")
}

impl Intercept for FaultInjector {
    fn name(&self) -> &'static str {
        "FaultInjector"
    }

    // Once per call, before the retry loop: the call's number.
    fn read_before_serialization(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let number = {
            let mut state = self.state();
            if state.armed.is_none() {
                return Ok(());
            }
            state.calls += 1;
            state.calls
        };
        cfg.interceptor_state().store_put(Ticket(number));
        Ok(())
    }

    fn read_before_attempt(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(Ticket(number)) = cfg.load::<Ticket>().cloned() {
            let mut state = self.state();
            if state.armed.is_some_and(|(target, _)| target == number) {
                state.attempts_of_target += 1;
            }
        }
        Ok(())
    }

    // The last moment before sending; a presign stops right after it.
    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.fail(cfg, Mode::Before, is_presign(context))
    }

    // The response arrived: whatever the call did is done.
    fn read_after_transmit(
        &self,
        _context: &BeforeDeserializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.fail(cfg, Mode::After, false)
    }
}

/// Mail the functions sent, as SES accepted it: every SendEmail whose response came back
/// successful (whether or not a fault then hid it from the caller). Reading it costs nothing,
/// unlike a dump of the emulator's whole state.
///
/// An attempt that got no successful answer (a dropped connection or a 5xx from a busy
/// emulator, which the SDK then retries) may or may not have been accepted: it is kept apart
/// as unconfirmed, so that a check against the emulator knows the range it may be in.
#[derive(Clone, Debug, Default)]
pub struct MailRecorder {
    sent: Arc<Mutex<Vec<SentEmail>>>,
    unconfirmed: Arc<Mutex<Vec<SentEmail>>>,
}

/// The message a SendEmail call carries, until its response arrives.
#[derive(Clone, Debug)]
struct Outgoing(SentEmail);

impl Storable for Outgoing {
    type Storer = StoreReplace<Self>;
}

impl MailRecorder {
    pub fn new() -> Self {
        Self::default()
    }

    /// The interceptor to install on a stack's clients (before a [`FaultInjector`], though
    /// every interceptor runs even when another one fails).
    pub fn interceptor(&self) -> SharedInterceptor {
        SharedInterceptor::new(self.clone())
    }

    /// Everything sent so far, oldest first.
    pub fn sent(&self) -> Vec<SentEmail> {
        self.sent.lock().expect("mail recorder lock").clone()
    }

    /// Attempts to mail `address` that got no successful answer.
    pub fn unconfirmed_to(&self, address: &str) -> usize {
        let unconfirmed = self.unconfirmed.lock().expect("mail recorder lock");
        unconfirmed.iter().filter(|m| m.is_for(address)).count()
    }

    /// Mail sent to `address` so far, oldest first.
    pub fn to(&self, address: &str) -> Vec<SentEmail> {
        self.sent()
            .into_iter()
            .filter(|m| m.is_for(address))
            .collect()
    }
}

impl Intercept for MailRecorder {
    fn name(&self) -> &'static str {
        "MailRecorder"
    }

    fn read_before_serialization(
        &self,
        context: &BeforeSerializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(input) = context.input().downcast_ref::<SendEmailInput>() {
            let destination = input.destination();
            let simple = input.content().and_then(|c| c.simple());
            let text = |content: Option<&aws_sdk_sesv2::types::Content>| {
                content.map(|c| c.data().to_string()).unwrap_or_default()
            };
            let mail = SentEmail {
                to: destination
                    .map(|d| d.to_addresses().to_vec())
                    .unwrap_or_default(),
                bcc: destination
                    .map(|d| d.bcc_addresses().to_vec())
                    .unwrap_or_default(),
                subject: text(simple.and_then(|s| s.subject())),
                body: text(simple.and_then(|s| s.body()).and_then(|b| b.text())),
                html: text(simple.and_then(|s| s.body()).and_then(|b| b.html())),
            };
            cfg.interceptor_state().store_put(Outgoing(mail));
        }
        Ok(())
    }

    // After every attempt, answered or not, so that a retried send is seen as such.
    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(Outgoing(mail)) = cfg.load::<Outgoing>() {
            let accepted = context.response().is_some_and(|r| r.status().is_success());
            let list = if accepted {
                &self.sent
            } else {
                &self.unconfirmed
            };
            list.lock().expect("mail recorder lock").push(mail.clone());
        }
        Ok(())
    }
}
