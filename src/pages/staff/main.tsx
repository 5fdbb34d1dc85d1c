document.getElementById('app')!.textContent = 'staff';
