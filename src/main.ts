import './start-engine';
import { mount } from 'svelte';
import App from './App.svelte';
import { initialLang, loadLang } from './i18n/index.svelte';
import './app.css';

// A page kept in English waits for the English catalogue (a local chunk) before its first render.
void loadLang(initialLang())
  .catch(() => undefined)
  .then(() => mount(App, { target: document.getElementById('app')! }));
