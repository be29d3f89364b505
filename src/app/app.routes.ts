import { Routes } from '@angular/router';

export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    loadComponent: () => import('./start/start-page').then((m) => m.StartPage),
    title: 'Pentaview — Level Drivers',
  },
  { path: 'settings', loadComponent: () => import('./settings/settings-page').then((m) => m.SettingsPage), title: 'Pentaview — Settings' },
  { path: '**', redirectTo: '' },
];
