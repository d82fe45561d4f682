import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { getSoftphone } from './lib/api';

const target = document.getElementById('app')!;
mount(App, { target, props: { api: getSoftphone() } });
