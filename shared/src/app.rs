//! Everything a function needs, built once per cold start and shared by every request.

use crate::config::Config;
use crate::email::Mailer;
use crate::error::Result;
use crate::files::Files;
use crate::startup::InitSteps;
use crate::store::Table;
use aws_config::SdkConfig;

#[derive(Clone, Debug)]
pub struct App {
    pub config: Config,
    pub table: Table,
    pub files: Files,
    pub mailer: Mailer,
}

impl App {
    pub fn new(config: Config, sdk: &SdkConfig) -> Self {
        Self {
            table: Table::new(sdk, &config.table_name),
            files: Files::new(sdk, &config.bucket_name),
            mailer: Mailer::new(
                sdk,
                &config.sender_email,
                config.ses_configuration_set.clone(),
            )
            .branded(config.brand()),
            config,
        }
    }

    /// Cold-start wiring: settings from the environment, clients from the default chain,
    /// and (unless turned off) the DynamoDB connection opened before the first request. Each
    /// step's time is printed when `PORTAL_INIT_TIMINGS=1` (see [`InitSteps`]).
    pub async fn from_env() -> Result<Self> {
        Ok(Self::from_env_with(|_, _| Ok(())).await?.0)
    }

    /// [`App::from_env`] for a function that needs one more client: `extra` builds it from
    /// the same settings and SDK chain, in the clients step, before the warm-up.
    pub async fn from_env_with<T>(
        extra: impl FnOnce(&Config, &SdkConfig) -> Result<T>,
    ) -> Result<(Self, T)> {
        let mut steps = InitSteps::from_env();
        let config = Config::from_env()?;
        steps.mark("config");
        let sdk = crate::aws::load_noting(&mut steps).await;
        let app = Self::new(config, &sdk);
        let more = extra(&app.config, &sdk)?;
        steps.mark("clients");
        if app.config.warm_up_at_init {
            app.table.warm_up().await;
            steps.mark("warm_up");
        }
        steps.report();
        Ok((app, more))
    }
}
