import { ApplicationConfig, inject, provideAppInitializer, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { MAT_ICON_DEFAULT_OPTIONS } from '@angular/material/icon';
import { routes } from './app.routes';
import { AnalysisDefaultsLoader } from './settings/analysis-defaults-loader';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    // Query parameters (e.g. the dashboard's `?fixture=`) reach routed components as inputs.
    provideRouter(routes, withComponentInputBinding()),
    // Icons come from the self-hosted material-symbols font (see styles.scss).
    { provide: MAT_ICON_DEFAULT_OPTIONS, useValue: { fontSet: 'material-symbols-outlined' } },
    // The analysis' bucket thresholds become the settings' defaults; not awaited, so start-up
    // never waits for the artifact.
    provideAppInitializer(() => {
      void inject(AnalysisDefaultsLoader).load();
    }),
  ],
};
